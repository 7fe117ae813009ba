package io.whippet.server.http;

class StreamsOverHttpTest extends StreamsContract {
    @Override
    Transport transport() {
        return Transport.HTTP;
    }
}
