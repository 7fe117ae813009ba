package io.whippet.it;

class PersonalAccessTokensAsyncTcpTest extends PersonalAccessTokensContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
