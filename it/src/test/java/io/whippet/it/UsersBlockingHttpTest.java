package io.whippet.it;

class UsersBlockingHttpTest extends UsersContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
