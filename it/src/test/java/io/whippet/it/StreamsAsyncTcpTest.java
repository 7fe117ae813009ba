package io.whippet.it;

class StreamsAsyncTcpTest extends StreamsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
