package io.whippet.server.http;

class MessagesOverHttpTest extends MessagesContract {
    @Override
    Transport transport() {
        return Transport.HTTP;
    }
}
