package io.tggateway;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The feature packages depend on each other one way only, as DESIGN.md draws them:
 * {@code notify -> delivery -> telegram} and
 * {@code poller -> dispatch -> bot -> delivery}. {@code audience} (who receives what) is
 * used by the bot, delivery and the REST API; {@code lifecycle} is shared by all;
 * {@code ops} (health, the ops endpoint) reads the features and is read by none.
 */
@AnalyzeClasses(packages = "io.tggateway", importOptions = ImportOption.DoNotIncludeTests.class)
final class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresHaveNoCycles = slices().matching("io.tggateway.(*)..").should().beFreeOfCycles();

	@ArchTest
	static final ArchRule dependenciesPointOneWay = layeredArchitecture().consideringOnlyDependenciesInLayers()
		.layer("lifecycle")
		.definedBy("io.tggateway.lifecycle..")
		.layer("telegram")
		.definedBy("io.tggateway.telegram..")
		.layer("audience")
		.definedBy("io.tggateway.audience..")
		.layer("delivery")
		.definedBy("io.tggateway.delivery..")
		.layer("bot")
		.definedBy("io.tggateway.bot..")
		.layer("dispatch")
		.definedBy("io.tggateway.dispatch..")
		.layer("poller")
		.definedBy("io.tggateway.poller..")
		.layer("notify")
		.definedBy("io.tggateway.notify..")
		.layer("store")
		.definedBy("io.tggateway.store..")
		.layer("cluster")
		.definedBy("io.tggateway.cluster..")
		.layer("ops")
		.definedBy("io.tggateway.ops..")
		.whereLayer("lifecycle")
		.mayNotAccessAnyLayer()
		.whereLayer("telegram")
		.mayOnlyAccessLayers("lifecycle")
		.whereLayer("store")
		.mayNotAccessAnyLayer()
		.whereLayer("audience")
		.mayOnlyAccessLayers("store", "lifecycle")
		.whereLayer("delivery")
		.mayOnlyAccessLayers("audience", "telegram", "store", "lifecycle")
		.whereLayer("bot")
		.mayOnlyAccessLayers("delivery", "audience", "telegram", "lifecycle")
		.whereLayer("dispatch")
		.mayOnlyAccessLayers("bot", "telegram", "lifecycle")
		.whereLayer("poller")
		.mayOnlyAccessLayers("dispatch", "telegram", "store", "lifecycle")
		.whereLayer("cluster")
		.mayOnlyAccessLayers("poller", "delivery", "store", "lifecycle")
		.whereLayer("notify")
		.mayOnlyAccessLayers("delivery", "audience", "telegram", "lifecycle")
		.whereLayer("notify")
		.mayNotBeAccessedByAnyLayer()
		.whereLayer("ops")
		.mayOnlyAccessLayers("poller", "dispatch", "delivery", "cluster", "telegram", "store", "lifecycle")
		.whereLayer("ops")
		.mayNotBeAccessedByAnyLayer();

	private ArchitectureTests() {
	}

}
