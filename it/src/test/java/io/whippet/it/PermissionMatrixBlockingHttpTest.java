package io.whippet.it;

/**
 * The permission matrix over the SDK's HTTP client; the table's TCP-only rows are skipped. The
 * permissioner is the one TCP uses, and the TCP matrix checks every flag; here each command runs as
 * the principals whose outcomes differ in kind (allowed, 40, 41), which is what the HTTP layer
 * maps (401 and 403 bodies, token checks), keeping the class to a third of the TCP one's cases.
 */
class PermissionMatrixBlockingHttpTest extends PermissionMatrixTest {
    @Override
    boolean covers(Principal principal) {
        return switch (principal) {
            case NOT_LOGGED_IN, NO_PERMISSIONS, STREAM_FLAG_ON_OTHER_STREAM, ROOT -> true;
            case GLOBAL_FLAG, STREAM_FLAG, TOPIC_FLAG -> false;
        };
    }

    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
