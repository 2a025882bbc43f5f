package dev.hookbridge.benchmark.server;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import javax.management.JMException;
import javax.management.ObjectName;
import java.lang.management.ManagementFactory;

/**
 * Pauses and resumes the gateway's inbound MDB (its delivery, as ops would in the management
 * console), so the benchmark can build a backlog with no processing and then measure how fast
 * processing drains it with no intake.
 */
@Path("inbound-processing/{action}")
public class InboundProcessingSwitch {

    private static final String INBOX_PROCESSOR =
            "jboss.as:deployment=hookbridge.ear,subdeployment=hookbridge-ejb.jar,subsystem=ejb3,message-driven-bean=InboxProcessor";

    @POST
    public String change(@PathParam("action") String action) throws JMException {
        String operation = switch (action) {
            case "stop" -> "stopDelivery";
            case "start" -> "startDelivery";
            default -> throw new jakarta.ws.rs.NotFoundException("start or stop, not " + action);
        };
        ManagementFactory.getPlatformMBeanServer().invoke(new ObjectName(INBOX_PROCESSOR), operation, null, null);
        return operation;
    }
}
