package io.whippet.server.http;

import io.vertx.core.http.HttpMethod;
import io.whippet.protocol.ErrorCode;
import io.whippet.protocol.Identifier;
import io.whippet.protocol.UserStatus;
import io.whippet.protocol.WhippetException;
import io.whippet.protocol.command.ChangePassword;
import io.whippet.protocol.command.Command;
import io.whippet.protocol.command.CreatePersonalAccessToken;
import io.whippet.protocol.command.CreateUser;
import io.whippet.protocol.command.DeletePersonalAccessToken;
import io.whippet.protocol.command.DeleteUser;
import io.whippet.protocol.command.GetPersonalAccessTokens;
import io.whippet.protocol.command.GetUser;
import io.whippet.protocol.command.GetUsers;
import io.whippet.protocol.command.LoginUser;
import io.whippet.protocol.command.LoginWithPersonalAccessToken;
import io.whippet.protocol.command.UpdatePermissions;
import io.whippet.protocol.command.UpdateUser;
import io.whippet.protocol.response.Identity;
import io.whippet.protocol.response.PersonalAccessTokenInfo;
import io.whippet.protocol.response.RawPersonalAccessToken;
import io.whippet.protocol.response.Responses;
import io.whippet.protocol.response.UserDetails;
import io.whippet.protocol.response.UserInfo;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Login, logout, token refresh, users and personal access tokens (spec sections 2, 4.2, 4.3). */
final class UserRoutes {
    private final AccessTokens tokens;

    UserRoutes(AccessTokens tokens) {
        this.tokens = tokens;
    }

    void register(RouteTable routes) {
        routes.add(HttpMethod.POST, "/users/login", RouteTable.Access.PUBLIC, this::login);
        routes.add(HttpMethod.POST, "/users/refresh-token", RouteTable.Access.PUBLIC, this::refresh);
        routes.add(HttpMethod.POST, "/personal-access-tokens/login", RouteTable.Access.PUBLIC, this::loginWithToken);
        routes.add(HttpMethod.DELETE, "/users/logout", this::logout);
        routes.add(
                HttpMethod.GET,
                "/users",
                call -> HttpResult.json(ResponseJson.renderList(
                        Responses.decodeList(call.execute(new GetUsers()), UserInfo::decode), ResponseJson::user)));
        routes.add(HttpMethod.POST, "/users", this::create);
        routes.add(HttpMethod.GET, "/users/:user_id", call -> {
            ByteBuffer payload = call.execute(new GetUser(call.id("user_id")));
            return payload.hasRemaining()
                    ? HttpResult.json(ResponseJson.render(UserDetails.decode(payload), ResponseJson::userDetails))
                    : HttpResult.notFound();
        });
        routes.add(HttpMethod.PUT, "/users/:user_id", this::update);
        routes.add(HttpMethod.DELETE, "/users/:user_id", call -> run(call, new DeleteUser(call.id("user_id"))));
        routes.add(
                HttpMethod.PUT,
                "/users/:user_id/permissions",
                call -> run(
                        call,
                        new UpdatePermissions(
                                call.id("user_id"),
                                PermissionsJson.parse(call.json().field("permissions")))));
        routes.add(HttpMethod.PUT, "/users/:user_id/password", call -> {
            RequestJson body = call.json();
            return run(
                    call,
                    new ChangePassword(
                            call.id("user_id"), body.string("current_password"), body.string("new_password")));
        });
        routes.add(
                HttpMethod.GET,
                "/personal-access-tokens",
                call -> HttpResult.json(ResponseJson.renderList(
                        Responses.decodeList(
                                call.execute(new GetPersonalAccessTokens()), PersonalAccessTokenInfo::decode),
                        ResponseJson::personalAccessToken)));
        routes.add(HttpMethod.POST, "/personal-access-tokens", call -> {
            RequestJson body = call.json();
            var create = new CreatePersonalAccessToken(body.string("name"), body.u64("expiry", 0));
            RawPersonalAccessToken token = RawPersonalAccessToken.decode(call.execute(create));
            return HttpResult.json(ResponseJson.render(token, (json, raw) -> {
                json.writeStartObject();
                json.writeStringProperty("token", raw.token());
                json.writeEndObject();
            }));
        });
        routes.add(
                HttpMethod.DELETE,
                "/personal-access-tokens/:name",
                call -> run(call, new DeletePersonalAccessToken(call.path("name"))));
    }

    private static HttpResult run(HttpCall call, Command command) {
        call.execute(command);
        return HttpResult.noContent();
    }

    private HttpResult login(HttpCall call) {
        RequestJson body = call.json();
        String version = body.optionalString("version");
        String context = body.optionalString("context");
        var login = new LoginUser(
                body.string("username"),
                body.string("password"),
                version == null ? "" : version,
                context == null ? "" : context);
        return identity(Identity.decode(call.execute(login)).userId());
    }

    private HttpResult loginWithToken(HttpCall call) {
        var login = new LoginWithPersonalAccessToken(call.json().string("token"));
        return identity(Identity.decode(call.execute(login)).userId());
    }

    /** A token can be refreshed once, while still valid; the old one is revoked (error 78 otherwise). */
    private HttpResult refresh(HttpCall call) {
        String presented = call.json().string("token");
        Optional<AccessTokens.Claims> claims = tokens.verify(presented);
        if (claims.isEmpty() || !tokens.revokeOnce(claims.get())) {
            throw new WhippetException(ErrorCode.INVALID_ACCESS_TOKEN, "the token is invalid, expired or revoked");
        }
        return identity(claims.get().userId());
    }

    private HttpResult logout(HttpCall call) {
        tokens.revoke(call.claims());
        return HttpResult.noContent();
    }

    private HttpResult identity(long userId) {
        AccessTokens.Issued issued = tokens.issue(userId);
        return HttpResult.json(ResponseJson.render(issued, (json, token) -> {
            json.writeStartObject();
            json.writeNumberProperty("user_id", userId);
            json.writeObjectPropertyStart("access_token");
            json.writeStringProperty("token", token.token());
            json.writeNumberProperty("expiry", token.claims().expirySeconds());
            json.writeEndObject();
            json.writeEndObject();
        }));
    }

    private HttpResult create(HttpCall call) {
        RequestJson body = call.json();
        String status = body.optionalString("status");
        var create = new CreateUser(
                body.string("username"),
                body.string("password"),
                status == null ? UserStatus.ACTIVE : body.enumValue("status", UserStatus.class, status),
                PermissionsJson.parse(body.field("permissions")));
        return HttpResult.json(
                ResponseJson.render(UserDetails.decode(call.execute(create)), ResponseJson::userDetails));
    }

    private HttpResult update(HttpCall call) {
        RequestJson body = call.json();
        Identifier userId = call.id("user_id");
        String username = body.optionalString("username");
        String statusText = body.optionalString("status");
        @Nullable
        UserStatus status = statusText == null ? null : body.enumValue("status", UserStatus.class, statusText);
        return run(call, new UpdateUser(userId, username, status));
    }
}
