package io.whippet.it;

class ConsumerOffsetsBlockingHttpTest extends ConsumerOffsetsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
