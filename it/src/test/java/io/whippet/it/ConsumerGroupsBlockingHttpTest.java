package io.whippet.it;

class ConsumerGroupsBlockingHttpTest extends ConsumerGroupsContract {
    @Override
    ClientFlavour flavour() {
        return ClientFlavour.BLOCKING_HTTP;
    }
}
