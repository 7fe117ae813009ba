package io.whippet.it;

class UsersBlockingTcpTest extends UsersContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
