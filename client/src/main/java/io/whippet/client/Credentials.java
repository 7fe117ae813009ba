package io.whippet.client;

/**
 * How a client logs in after every (re)connect: nothing, a username and password (LoginUser, 38)
 * or a personal access token (LoginWithPersonalAccessToken, 44).
 */
public sealed interface Credentials {
    static Credentials none() {
        return new None();
    }

    static Credentials password(String username, String password) {
        return new UsernamePassword(username, password);
    }

    static Credentials token(String token) {
        return new PersonalAccessToken(token);
    }

    record None() implements Credentials {}

    record UsernamePassword(String username, String password) implements Credentials {
        @Override
        public String toString() {
            return "UsernamePassword[username=" + username + ", password=<redacted>]";
        }
    }

    record PersonalAccessToken(String token) implements Credentials {
        @Override
        public String toString() {
            return "PersonalAccessToken[<redacted>]";
        }
    }
}
