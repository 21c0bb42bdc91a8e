package app.tablecart.realtime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Alive while the heartbeat ticks: without it, dead connections would pile up and streams would never end. */
@Liveness
@ApplicationScoped
public class HeartbeatLiveness implements HealthCheck {

    @Inject
    LiveChannels channels;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("heartbeat").status(channels.beating()).build();
    }
}
