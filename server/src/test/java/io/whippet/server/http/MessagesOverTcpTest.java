package io.whippet.server.http;

class MessagesOverTcpTest extends MessagesContract {
    @Override
    Transport transport() {
        return Transport.TCP;
    }
}
