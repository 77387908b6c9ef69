using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace TimelineApi.Auth;

/// <summary>
/// <c>Authorization: Bearer &lt;key&gt;</c>. No header: anonymous (reads need nothing). An unknown key:
/// 401. A known key signs in with its name and scope, and whether it was revoked, so that the write
/// policy can answer 403 to a revoked or read-only key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyStore keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";
    public const string ScopeClaim = "scope";
    public const string RevokedClaim = "revoked";
    public const string WritePolicy = "write";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length > 200)
        {
            return AuthenticateResult.Fail("The Authorization header is not 'Bearer <key>'.");
        }

        var key = await keys.FindAsync(header["Bearer ".Length..].Trim(), Context.RequestAborted);
        if (key is null)
        {
            return AuthenticateResult.Fail("Unknown API key.");
        }

        Context.Items[typeof(ApiKeyInfo)] = key;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, key.Name),
                new Claim(ScopeClaim, key.Scope),
                new Claim(RevokedClaim, key.RevokedAt is null ? "false" : "true"),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    /// <summary>Headers a key is often sent in by clients made for other APIs.</summary>
    private static readonly string[] s_otherKeyHeaders = ["X-Api-Key", "Api-Key", "X-Auth-Token", "X-Access-Token", "Token"];

    /// <summary>What was wrong with the key of a request answered 401, and what to send instead.</summary>
    public static string WhyUnauthorized(HttpRequest request)
    {
        const string Send = "send 'Authorization: Bearer <key>'";
        var header = request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return s_otherKeyHeaders.FirstOrDefault(h => request.Headers.ContainsKey(h)) is { } other
                ? $"The key was sent in '{other}', which this API does not read: {Send}."
                : $"This needs an API key and none was sent: {Send} (a key is made with `keys create`; see the README).";
        }

        var space = header.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            return $"The Authorization header has no scheme: {Send}, with 'Bearer ' before the key.";
        }

        var scheme = header[..space];
        return scheme.Equals(SchemeName, StringComparison.OrdinalIgnoreCase)
            ? "The key sent is not known: check it was copied whole (`keys list` shows the names of the keys there are)."
            : $"The Authorization scheme '{scheme}' is not taken: {Send}.";
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        return Task.CompletedTask;
    }
}

public static class ApiKeyAuthenticationSetup
{
    public static IServiceCollection AddApiKeys(this IServiceCollection services)
    {
        services.AddSingleton<ApiKeyStore>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.WritePolicy, policy => policy
                .RequireAuthenticatedUser()
                .RequireClaim(ApiKeyAuthenticationHandler.ScopeClaim, ApiKeyStore.WriteScope)
                .RequireClaim(ApiKeyAuthenticationHandler.RevokedClaim, "false"));
        return services;
    }

    /// <summary>The name of the key a request was made with.</summary>
    public static string KeyName(this HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
