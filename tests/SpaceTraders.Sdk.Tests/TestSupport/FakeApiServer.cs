using System.Text.Json;
using SpaceTraders.Sdk.Resilience;
using SpaceTraders.Sdk.Throttling;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace SpaceTraders.Sdk.Tests.TestSupport;

/// <summary>A WireMock server standing in for the SpaceTraders API under <c>/v2/</c>.</summary>
internal sealed class FakeApiServer : IDisposable
{
    public const string Token = "eyJhbGciOiJSUzI1NiJ9.agent-token-SECRET.sig";
    public const string AccountToken = "eyJhbGciOiJSUzI1NiJ9.account-token-SECRET.sig";

    private readonly WireMockServer _server = WireMockServer.Start();

    public Uri BaseAddress => new(_server.Url + "/v2/");

    public IReadOnlyList<IRequestMessage> Requests => _server.LogEntries.Select(entry => entry.RequestMessage!).ToList();

    public IRequestMessage SingleRequest
    {
        get
        {
            var requests = Requests;
            Assert.That(requests, Has.Count.EqualTo(1), "exactly one request was expected");
            return requests[0];
        }
    }

    /// <summary>Options that reach this server with no pacing and no retries (so tests never wait).</summary>
    public SpaceTradersClientOptions Options(string? token = Token) => new()
    {
        Token = token,
        BaseAddress = BaseAddress,
        Throttling = new ThrottlingOptions { Enabled = false },
        Retry = new RetryOptions { MaxAttempts = 1, MaxRateLimitRequeues = 0 },
    };

    public void Respond(string method, string path, int status, string body, string contentType = "application/json")
    {
        var response = Response.Create().WithStatusCode(status);
        if (body.Length > 0)
        {
            response = response.WithHeader("Content-Type", contentType).WithBody(body);
        }

        _server.Given(Request.Create().WithPath(path).UsingMethod(method)).RespondWith(response);
    }

    /// <summary>Answers the calls to one method and path in turn; the last answer repeats.</summary>
    public void RespondInTurn(string method, string path, params (int Status, string Body, string ContentType)[] answers)
    {
        var scenario = method + " " + path;
        for (var i = 0; i < answers.Length; i++)
        {
            var (status, body, contentType) = answers[i];
            var given = _server.Given(Request.Create().WithPath(path).UsingMethod(method)).InScenario(scenario);
            if (i > 0)
            {
                given = given.WhenStateIs(i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            if (i < answers.Length - 1)
            {
                given = given.WillSetStateTo((i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            var response = Response.Create().WithStatusCode(status);
            if (body.Length > 0)
            {
                response = response.WithHeader("Content-Type", contentType).WithBody(body);
            }

            given.RespondWith(response);
        }
    }

    /// <summary>The requests received with a method and path.</summary>
    public IReadOnlyList<IRequestMessage> RequestsTo(string method, string path)
        => Requests.Where(r => string.Equals(r.Method, method, StringComparison.OrdinalIgnoreCase) && r.Path == path).ToList();

    /// <summary>The X-Request-Id header of a request received.</summary>
    public static string? RequestId(IRequestMessage request)
        => request.Headers?.FirstOrDefault(h => string.Equals(h.Key, "X-Request-Id", StringComparison.OrdinalIgnoreCase)).Value?.SingleOrDefault();

    public void RespondWithPage(string path, int page, string body)
        => _server.Given(Request.Create().WithPath(path).WithParam("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(body));

    public void Reset()
    {
        _server.ResetMappings();
        _server.ResetLogEntries();
        _server.ResetScenarios();   // a scenario a test left part-way must not give the next test its later answers
    }

    public void Dispose() => _server.Stop();
}

/// <summary>The response bodies in <c>Fixtures/</c>, one per operation (see eng/codegen/generate_fixtures.py).</summary>
internal static class Fixtures
{
    public static string Read(string operationId)
        => File.ReadAllText(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", operationId + ".json"));

    public static JsonElement Json(string operationId)
    {
        using var document = JsonDocument.Parse(Read(operationId));
        return document.RootElement.Clone();
    }
}
