package io.whippet.server.http;

class MessagesOverHttpsTest extends MessagesContract {
    @Override
    Transport transport() {
        return Transport.HTTPS;
    }
}
