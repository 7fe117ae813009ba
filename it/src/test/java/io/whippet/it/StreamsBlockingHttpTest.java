package io.whippet.it;

class StreamsBlockingHttpTest extends StreamsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
