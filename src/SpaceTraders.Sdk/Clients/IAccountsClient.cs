using SpaceTraders.Sdk.Models;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Sdk.Clients;

/// <summary>The account endpoints: the account and registering new agents.</summary>
/// <remarks>
/// Every method sends one request (the <c>Enumerate...Async</c> methods one per page), waits its turn at the
/// rate limiter at the endpoint's default priority unless <c>priority</c> overrides it, and throws
/// <see cref="Errors.SpaceTradersApiException"/> when the API answers with an error.
/// </remarks>
public interface IAccountsClient
{
    /// <summary>Gets the account the agent belongs to (<c>GET /my/account</c>).</summary>
    /// <remarks>Fetch your account details.</remarks>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="GetMyAccountResult"/> the server returned.</returns>
    Task<GetMyAccountResult> GetMyAccountAsync(
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Registers a new agent and returns its token, agent, faction, starting contract and ships (<c>POST /register</c>).</summary>
    /// <remarks>Creates a new agent and ties it to an account. The agent symbol must consist of a 3-14 character string, and will be used to represent your agent. This symbol will prefix the symbol of every ship you own. Agent symbols will be cast to all uppercase characters. This new agent will be tied to a starting faction of your choice, which determines your starting location, and will be granted an authorization token, a contract with their starting faction, a command ship that can fly across space with advanced capabilities, a small probe ship that can be used for reconnaissance, and 175,000 credits. &gt; #### Keep your token safe and secure &gt; &gt; Keep careful track of where you store your token. You can generate a new token from our account dashboard, but if someone else gains access to your token they will be able to use it to make API requests on your behalf until the end of the reset. If you are new to SpaceTraders, It is recommended to register with the COSMIC faction, a faction that is well connected to the rest of the universe. After registering, you should try our interactive <see href="https://docs.spacetraders.io/quickstart/new-game">quickstart guide</see> which will walk you through a few basic API requests in just a few minutes.</remarks>
    /// <param name="request">The request body.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RegisterResult"/> the server returned.</returns>
    Task<RegisterResult> RegisterAsync(
        RegisterRequest request,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);

    /// <summary>Registers a new agent and returns its token, agent, faction, starting contract and ships (<c>POST /register</c>).</summary>
    /// <param name="symbol">The agent symbol: 3 to 14 letters, digits, <c>-</c> or <c>_</c>; the server upper-cases it.</param>
    /// <param name="faction">The starting faction, for example <see cref="FactionSymbol.Cosmic"/>.</param>
    /// <param name="priority">The priority to queue with instead of the endpoint's default, or <see langword="null"/> for the default.</param>
    /// <param name="cancellationToken">A token to cancel the call, also while it waits for the rate limiter.</param>
    /// <returns>The <see cref="RegisterResult"/> the server returned.</returns>
    Task<RegisterResult> RegisterAsync(
        string symbol,
        FactionSymbol faction,
        RequestPriority? priority = null,
        CancellationToken cancellationToken = default);
}
