package io.whippet.it;

class PersonalAccessTokensBlockingTcpTest extends PersonalAccessTokensContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
