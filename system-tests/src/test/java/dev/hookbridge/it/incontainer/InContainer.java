package dev.hookbridge.it.incontainer;

import dev.hookbridge.it.support.StackExtension;
import dev.hookbridge.it.support.SystemTest;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.net.URISyntaxException;

/**
 * The test archive of an in-container test: the test's classes and AssertJ, with access to the
 * classes of the deployed EAR's EJB module, whose beans the test looks up by their global JNDI names.
 */
final class InContainer {

    private InContainer() {
    }

    static WebArchive deployment(String name, Class<?>... classes) {
        return ShrinkWrap.create(WebArchive.class, name + ".war")
                .addClasses(classes)
                .addClasses(SystemTest.class, StackExtension.class)
                .addAsLibrary(jarOf(org.assertj.core.api.Assertions.class))
                .addAsWebInfResource(new StringAsset("""
                        <jboss-deployment-structure xmlns="urn:jboss:deployment-structure:1.2">
                          <deployment><dependencies>
                            <module name="deployment.hookbridge.ear.hookbridge-ejb.jar"/>
                          </dependencies></deployment>
                        </jboss-deployment-structure>"""), "jboss-deployment-structure.xml");
    }

    /** The jar a class was loaded from, to ship a test library inside the deployment. */
    private static File jarOf(Class<?> type) {
        try {
            return new File(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
