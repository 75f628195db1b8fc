using System.Net;
using System.Net.Sockets;
using SpaceTraders.BotRunner.Configuration;

namespace SpaceTraders.BotRunner.Hosting;

/// <summary>
/// Checks, before anything runs, that the dashboard can listen where it is asked to: the port is free on each address
/// the URL stands for (both loopbacks for <c>localhost</c>) and the address is one of this machine's. The runner then
/// stops with one line and exit code 2 instead of starting a run whose dashboard cannot be reached. A port taken by
/// someone else is never worked around by moving to another: the address is what a person bookmarked and what Prometheus
/// scrapes, and a dashboard that moved silently would show them another runner's fleet.
/// </summary>
internal static class DashboardAddress
{
    /// <summary>Listens on the URL's addresses for an instant and closes again.</summary>
    /// <param name="url">The dashboard's URL (as <see cref="RunnerConfiguration.ParseDashboardUrl"/> returns it).</param>
    /// <exception cref="SettingException">The port is in use, or the address cannot be listened on.</exception>
    public static void Check(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (url.Port == 0)
        {
            return; // Any free port: nothing can be in the way.
        }

        var localhost = string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase);
        IPAddress[] addresses = localhost ? [IPAddress.Loopback, IPAddress.IPv6Loopback] : [IPAddress.Parse(url.Host.Trim('[', ']'))];
        foreach (var address in addresses)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                socket.Bind(new IPEndPoint(address, url.Port));
                socket.Listen(1);
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                throw InUse(url);
            }
            catch (SocketException ex) when (localhost && address.AddressFamily == AddressFamily.InterNetworkV6
                && ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
            {
                // A machine without IPv6: localhost is 127.0.0.1 alone, as Kestrel then makes it.
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressNotAvailable)
            {
                throw new SettingException($"The dashboard cannot listen on {Text(url)}: {url.Host} is not an address of this machine.");
            }
            catch (SocketException ex)
            {
                throw new SettingException($"The dashboard cannot listen on {Text(url)}: {ex.Message.TrimEnd('.')}.");
            }
        }
    }

    /// <summary>The one line that says the dashboard's address is taken, and what to do.</summary>
    /// <param name="url">The address.</param>
    /// <returns>The error, for exit code 2.</returns>
    public static SettingException InUse(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var other = new UriBuilder(url) { Port = 0 }.Uri;
        return new SettingException($"The dashboard's address {Text(url)} is in use (another runner?): give another port with --dashboard (for example {Text(other)}, a free one), or --no-dashboard.");
    }

    /// <summary>Writes a URL as it is typed: without the trailing slash.</summary>
    /// <param name="url">The URL.</param>
    /// <returns>For example <c>http://127.0.0.1:5080</c>.</returns>
    public static string Text(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        return url.GetLeftPart(UriPartial.Authority);
    }
}
