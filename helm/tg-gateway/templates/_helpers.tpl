{{/* The chart's name. */}}
{{- define "tg-gateway.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: the base of every object's name. */}}
{{- define "tg-gateway.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The metrics Service's name. */}}
{{- define "tg-gateway.metricsName" -}}
{{- printf "%s-metrics" (include "tg-gateway.fullname" . | trunc 55 | trimSuffix "-") }}
{{- end }}

{{- define "tg-gateway.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tg-gateway.labels" -}}
helm.sh/chart: {{ include "tg-gateway.chart" . }}
{{ include "tg-gateway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "tg-gateway.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tg-gateway.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tg-gateway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "tg-gateway.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The Secret the container reads its secrets from: the user's or the chart's. */}}
{{- define "tg-gateway.secretName" -}}
{{- default (include "tg-gateway.fullname" .) .Values.existingSecret }}
{{- end }}

{{- define "tg-gateway.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/*
The pod's termination grace period: the preStop sleep, then the web server's drain (bounded by
the timeout per shutdown phase), the dispatcher's and delivery's drains (each bounded by the
drain timeout), and a margin for the poller's stop, the final offset confirmation, closing the
Telegram client and the JVM's exit.
*/}}
{{- define "tg-gateway.terminationGracePeriodSeconds" -}}
{{- $s := .Values.shutdown }}
{{- add (int $s.preStopSleepSeconds) (int $s.timeoutPerShutdownPhaseSeconds) (mul 2 (int $s.drainTimeoutSeconds)) (int $s.marginSeconds) }}
{{- end }}

{{/* The environment variable that carries an API key. */}}
{{- define "tg-gateway.apiKeyEnv" -}}
{{- printf "GATEWAY_API_KEYS_%s" (upper .) }}
{{- end }}

{{/*
Checks what values.schema.json cannot express; included by the Deployment, so a bad combination
stops `helm install` and `helm template` with a message that says what to change.
*/}}
{{- define "tg-gateway.validate" -}}
{{- $s := .Values.shutdown }}
{{- if ge (int $s.drainTimeoutSeconds) (int $s.timeoutPerShutdownPhaseSeconds) }}
{{- fail (printf "shutdown.drainTimeoutSeconds (%d) must be below shutdown.timeoutPerShutdownPhaseSeconds (%d): the service refuses to start otherwise" (int $s.drainTimeoutSeconds) (int $s.timeoutPerShutdownPhaseSeconds)) }}
{{- end }}
{{- if and (eq .Values.store.type "memory") (gt (int .Values.replicaCount) 1) }}
{{- fail (printf "replicaCount is %d but store.type is memory: the memory store allows exactly one replica (two pollers on one bot token conflict); use store.type jdbc for several" (int .Values.replicaCount)) }}
{{- end }}
{{- if and (eq .Values.store.type "jdbc") (not .Values.store.jdbc.url) }}
{{- fail "store.type is jdbc: set store.jdbc.url (for example jdbc:postgresql://postgres:5432/tggateway)" }}
{{- end }}
{{- if and (not .Values.existingSecret) (not .Values.telegram.token) }}
{{- fail "set telegram.token (the token from @BotFather) or existingSecret (a Secret with the key GATEWAY_TELEGRAM_TOKEN)" }}
{{- end }}
{{- if and .Values.existingSecret (or .Values.telegram.token .Values.apiKeys .Values.store.jdbc.password) }}
{{- fail "existingSecret is set: put the token, the API keys and the database password in that Secret, not in telegram.token, apiKeys or store.jdbc.password" }}
{{- end }}
{{- end }}
