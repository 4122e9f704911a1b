package dev.herald.bench.load;

import java.util.Optional;

/**
 * What the publisher achieved in the measured window.
 *
 * @param published  measured messages the server answered with 200
 * @param errors     measured messages answered otherwise, or not at all (connection lost, timeout)
 * @param firstError the first failure of any message, warm-up included, for the log
 */
record PublishTally(long published, long errors, Optional<String> firstError) {
}
