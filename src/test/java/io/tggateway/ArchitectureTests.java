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
 * used by the bot, delivery and the REST API; {@code lifecycle} is shared by all.
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
		.whereLayer("lifecycle")
		.mayNotAccessAnyLayer()
		.whereLayer("telegram")
		.mayOnlyAccessLayers("lifecycle")
		.whereLayer("audience")
		.mayOnlyAccessLayers("lifecycle")
		.whereLayer("delivery")
		.mayOnlyAccessLayers("audience", "telegram", "lifecycle")
		.whereLayer("bot")
		.mayOnlyAccessLayers("delivery", "audience", "telegram", "lifecycle")
		.whereLayer("dispatch")
		.mayOnlyAccessLayers("bot", "lifecycle")
		.whereLayer("poller")
		.mayOnlyAccessLayers("dispatch", "telegram", "lifecycle");

	private ArchitectureTests() {
	}

}
