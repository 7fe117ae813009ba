package io.whippet.it;

/** The permission matrix over the SDK's HTTP client; the table's TCP-only rows are skipped. */
class PermissionMatrixBlockingHttpTest extends PermissionMatrixTest {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
