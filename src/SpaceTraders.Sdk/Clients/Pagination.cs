using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Clients;

/// <summary>Walks a paged list page after page, for the clients' <c>Enumerate...Async</c> methods.</summary>
internal static class Pagination
{
    /// <summary>The largest page the API serves (20 items).</summary>
    public const int MaxLimit = 20;

    /// <summary>Fetches pages 1, 2, ... as the sequence is consumed, until a page comes back short or empty.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="fetchPage">Fetches one page by its number.</param>
    /// <param name="cancellationToken">A token to stop the walk.</param>
    /// <returns>Every item of every page, in order.</returns>
    public static async IAsyncEnumerable<T> WalkAsync<T>(
        Func<int, Task<Page<T>>> fetchPage,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var number = 1; ; number++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var page = await fetchPage(number).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                yield return item;
            }

            if (!page.HasNextPage)
            {
                yield break;
            }
        }
    }
}
