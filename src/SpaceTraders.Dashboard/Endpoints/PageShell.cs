using System.Net;
using System.Text;

namespace SpaceTraders.Dashboard.Endpoints;

/// <summary>The HTML of every page: the navigation, a header the scripts fill, and the page's mount point.</summary>
internal static class PageShell
{
    private static readonly (string Href, string Label, string Page)[] Navigation =
    [
        ("/", "Overview", "overview"),
        ("/ships", "Ships", "ships"),
        ("/behaviours", "Behaviours", "behaviours"),
        ("/markets", "Markets", "markets"),
        ("/system", "System map", "system"),
    ];

    /// <summary>Renders a page: <paramref name="page"/> selects the script's renderer, <paramref name="api"/> the payload it subscribes to.</summary>
    /// <param name="page">The page (<c>overview</c>, <c>ships</c>, <c>ship</c>, ...).</param>
    /// <param name="title">The title.</param>
    /// <param name="api">The API path the page shows (after <c>/api/</c>).</param>
    /// <param name="source">What the dashboard reads.</param>
    /// <returns>The HTML.</returns>
    public static string Render(string page, string title, string api, string source) =>
        Document(page, title, source, $"""<main id="app" data-page="{Encode(page)}" data-api="{Encode(api)}"><p class="loading">Loading…</p></main>""", withScripts: true);

    /// <summary>Renders the page for something the dashboard does not know (HTTP 404).</summary>
    /// <param name="what">What was asked for, for example <c>Ship 'X-9'</c>.</param>
    /// <param name="source">What the dashboard reads.</param>
    /// <returns>The HTML.</returns>
    public static string NotFound(string what, string source) =>
        Document("missing", "Not found", source, $"""
            <main id="app" data-page="missing">
              <section class="card missing">
                <h1>404: not found</h1>
                <p>{Encode(what)} is not known to this dashboard.</p>
                <p><a href="/">Back to the overview</a> · <a href="/ships">all ships</a></p>
              </section>
            </main>
            """, withScripts: false);

    /// <summary>Renders the page for a failure (HTTP 500): what failed, never a stack trace.</summary>
    /// <param name="source">What the dashboard reads.</param>
    /// <returns>The HTML.</returns>
    public static string Failed(string source) =>
        Document("failed", "Error", source, """
            <main id="app" data-page="failed">
              <section class="card missing">
                <h1>Something went wrong</h1>
                <p>The dashboard could not build this page; the fleet is not affected. The log says why.</p>
                <p><a href="/">Back to the overview</a></p>
              </section>
            </main>
            """, withScripts: false);

    private static string Document(string page, string title, string source, string main, bool withScripts)
    {
        var nav = new StringBuilder();
        var section = page switch
        {
            "ship" => "ships",
            "behaviour" => "behaviours",
            "market" => "markets",
            _ => page,
        };
        foreach (var (href, label, name) in Navigation)
        {
            nav.Append(name == section ? $"""<a href="{href}" class="active">{label}</a>""" : $"""<a href="{href}">{label}</a>""");
        }

        var scripts = withScripts
            ? """
              <script src="/assets/vendor/chart.js/chart.umd.min.js"></script>
              <script src="/assets/app.js"></script>
              """
            : string.Empty;
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>{Encode(title)} · SpaceTraders dashboard</title>
              <link rel="stylesheet" href="/assets/app.css">
              <link rel="icon" href="data:,">
            </head>
            <body>
              <header class="top">
                <span class="brand">SpaceTraders</span>
                <nav>{nav}</nav>
                <span class="status" id="status" title="{Encode(source)}"><span class="dot"></span><span id="status-text">{Encode(source)}</span></span>
              </header>
              {main}
              {scripts}
            </body>
            </html>
            """;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
