package io.whippet.it;

class ConsumerOffsetsAsyncTcpTest extends ConsumerOffsetsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.ASYNC_TCP;
    }
}
