using System.Runtime.CompilerServices;
using SpaceTraders.Sdk.Models;

namespace SpaceTraders.Sdk.Clients;

/// <summary>Walks a paged list page after page, for the clients' <c>Enumerate...Async</c> methods.</summary>
internal static class Pagination
{
    /// <summary>The largest page the API serves (20 items).</summary>
    public const int MaxLimit = 20;

    /// <summary>
    /// Refuses a page or a limit outside the live spec's bounds (<c>page</c> from 1, <c>limit</c> from 1 to
    /// <see cref="MaxLimit"/>) before the request is sent: the server would refuse it, after it took a rate-limit slot.
    /// </summary>
    /// <param name="page">The page asked for, or <see langword="null"/> for the server's default.</param>
    /// <param name="limit">The items per page asked for, or <see langword="null"/> for the server's default.</param>
    /// <exception cref="ArgumentOutOfRangeException">The page is below 1, or the limit below 1 or above <see cref="MaxLimit"/>.</exception>
    public static void Check(int? page, int? limit)
    {
        if (page is < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(page), page, "The page starts at 1.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            throw new ArgumentOutOfRangeException(nameof(limit), limit, $"The limit is from 1 to {MaxLimit} items per page.");
        }
    }

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
