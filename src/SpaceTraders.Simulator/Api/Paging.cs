using SpaceTraders.Simulator.Api.Dtos;
using SpaceTraders.Simulator.Hosting;

namespace SpaceTraders.Simulator.Api;

/// <summary>The one paging rule of every list endpoint: <c>page</c> ≥ 1 (default 1), <c>limit</c> 1-20 (default 10), 400 otherwise.</summary>
internal static class Paging
{
    /// <summary>Cuts one page out of <paramref name="items"/> and wraps it with its meta.</summary>
    /// <exception cref="GameErrorException">page or limit out of range (400).</exception>
    public static PagedEnvelope<T> Page<TSource, T>(SimRequest request, IReadOnlyList<TSource> items, Func<TSource, T> map)
    {
        var (page, limit) = request.ReadPaging();
        var start = (long)(page - 1) * limit;
        var end = Math.Min(items.Count, start + limit);
        var data = new List<T>(Math.Max(0, (int)Math.Min(limit, end - start)));
        for (var i = start; i < end; i++)
        {
            data.Add(map(items[(int)i]));
        }

        return new PagedEnvelope<T>(data, new MetaDto(items.Count, page, limit));
    }
}
