package io.whippet.it;

class ConsumerOffsetsBlockingTcpTest extends ConsumerOffsetsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_TCP;
    }
}
