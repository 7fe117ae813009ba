package io.whippet.it;

class UsersAsyncTcpTest extends UsersContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
