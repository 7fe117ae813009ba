package io.whippet.it;

class PersonalAccessTokensBlockingHttpTest extends PersonalAccessTokensContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
