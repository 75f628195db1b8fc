using System.Net;
using SpaceTraders.Sdk.Errors;
using SpaceTraders.Sdk.Resilience;

namespace SpaceTraders.Sdk.Tests.Errors;

/// <summary><see cref="CallFaults.IsFault"/>: what a bot may carry on after (network and server faults) and what it may not (game errors).</summary>
[TestFixture]
public sealed class CallFaultsTests
{
    private static IEnumerable<TestCaseData> Faults()
    {
        yield return new TestCaseData(new HttpRequestException("The response ended prematurely.")).SetName("A lost connection");
        yield return new TestCaseData(new TimeoutException()).SetName("A timeout");
        yield return new TestCaseData(new SpaceTradersApiException(HttpStatusCode.BadGateway, null, null)).SetName("A 502 without a game error");
        yield return new TestCaseData(new SpaceTradersApiException(HttpStatusCode.InternalServerError, 500, "Internal server error")).SetName("The server's 500");
        yield return new TestCaseData(new SpaceTradersApiException(HttpStatusCode.TooManyRequests, 429, "Rate limited")).SetName("A 429 past the requeues");
        yield return new TestCaseData(new MalformedResponseException()).SetName("A body cut short");
        yield return new TestCaseData(new RequestOutcomeUnknownException()).SetName("An action whose outcome stayed unknown");
    }

    private static IEnumerable<TestCaseData> NotFaults()
    {
        yield return new TestCaseData(new SpaceTradersApiException(HttpStatusCode.BadRequest, ErrorCodes.ShipCargoMissing, "No such cargo")).SetName("A game error");
        yield return new TestCaseData(new SpaceTradersApiException(HttpStatusCode.Conflict, ErrorCodes.CooldownConflict, "Cooling down")).SetName("A cooldown");
        yield return new TestCaseData(new SpaceTradersApiException(HttpStatusCode.ServiceUnavailable, 4999, "A game code on a 503")).SetName("A game code on a 5xx");
        yield return new TestCaseData(new RequiredFieldMissingException()).SetName("A field the client cannot act without");
        yield return new TestCaseData(new OperationCanceledException()).SetName("A cancellation");
        yield return new TestCaseData(new InvalidOperationException()).SetName("A bug");
    }

    [TestCaseSource(nameof(Faults))]
    public void Is_a_fault(Exception exception) => Assert.That(CallFaults.IsFault(exception), Is.True);

    [TestCaseSource(nameof(NotFaults))]
    public void Is_not_a_fault(Exception exception) => Assert.That(CallFaults.IsFault(exception), Is.False);
}
