package dev.b24emu.features;

import org.junit.platform.suite.api.ConfigurationParameter;
import org.junit.platform.suite.api.IncludeEngines;
import org.junit.platform.suite.api.SelectPackages;
import org.junit.platform.suite.api.Suite;

import static io.cucumber.junit.platform.engine.Constants.GLUE_PROPERTY_NAME;
import static io.cucumber.junit.platform.engine.Constants.PLUGIN_PROPERTY_NAME;

/** Runs every feature under dev/b24emu/features against the embedded emulator, or the portal of -Db24.target. */
@Suite
@IncludeEngines("cucumber")
@SelectPackages("dev.b24emu.features")
@ConfigurationParameter(key = GLUE_PROPERTY_NAME, value = "dev.b24emu.features")
@ConfigurationParameter(key = PLUGIN_PROPERTY_NAME,
        value = "html:target/cucumber-report.html, json:target/cucumber-report.json, junit:target/cucumber-junit.xml, summary")
public class RunFeaturesTest {
}
