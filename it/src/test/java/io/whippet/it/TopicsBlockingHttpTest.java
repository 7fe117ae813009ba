package io.whippet.it;

class TopicsBlockingHttpTest extends TopicsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
