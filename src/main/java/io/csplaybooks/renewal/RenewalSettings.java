package io.csplaybooks.renewal;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What a CS team tunes about renewals.
 *
 * @param startDaysBefore the playbook starts this many days before the renewal date (120)
 * @param checkpointDaysBefore the forecast checkpoints (90, 60, 30 days before)
 * @param accountManager the account manager who owns renewals where the table says so; empty: sales
 */
@ConfigurationProperties("csp.renewal")
record RenewalSettings(
    int startDaysBefore,
    List<Integer> checkpointDaysBefore,
    int chaseBusinessDays,
    int riskMediumFrom,
    int riskHighFrom,
    String accountManager) {}
