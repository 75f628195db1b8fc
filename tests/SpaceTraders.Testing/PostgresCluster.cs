using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace SpaceTraders.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster started from the installed server binaries: <c>initdb</c> into a temporary folder,
/// <c>pg_ctl start</c> on a free loopback port with its socket in that folder, stopped and deleted by
/// <see cref="DisposeAsync"/>. Never a running server of the machine's, never a mock.
/// </summary>
/// <remarks>
/// <para>
/// <c>initdb</c> and <c>postgres</c> refuse to run as root. As root the cluster runs as the <c>postgres</c> OS user
/// (created as a system user when missing) through <c>runuser -u postgres --</c>, and the folder is handed to it;
/// as anyone else it runs as the current user.
/// </para>
/// <para>
/// The binaries are found on <c>PATH</c> or in <c>/usr/lib/postgresql/&lt;version&gt;/bin</c> (Debian's place);
/// when they are missing, <see cref="StartAsync(CancellationToken)"/> fails with what to install.
/// </para>
/// <para>Settings are for speed, not durability (<c>fsync=off</c>): a clean <c>pg_ctl stop</c> still writes everything.</para>
/// </remarks>
internal sealed class PostgresCluster : IAsyncDisposable
{
    private const string ServiceUser = "postgres";
    private const string FolderPrefix = "st-pg-";
    private const string OwnerFile = "owner.pid";
    private const string Superuser = "st_test";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(120);

    private readonly string _binaries;
    private readonly string? _runAs;
    private readonly string _folder;
    private int _databases;

    private PostgresCluster(string binaries, string? runAs, string folder, int port)
    {
        _binaries = binaries;
        _runAs = runAs;
        _folder = folder;
        Port = port;
    }

    /// <summary>Gets the loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>Gets the server's data folder.</summary>
    public string DataFolder => Path.Combine(_folder, "data");

    /// <summary>Gets whether the server was started and not stopped since.</summary>
    public bool IsRunning { get; private set; }

    private string LogFile => Path.Combine(_folder, "server.log");

    /// <summary>Creates the cluster (initdb) and starts it.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running cluster.</returns>
    public static async Task<PostgresCluster> StartAsync(CancellationToken cancellationToken)
    {
        var binaries = FindBinaries() ?? throw new InvalidOperationException(
            "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/<version>/bin. "
            + "The PostgreSQL store's tests start a throwaway server from them: install PostgreSQL (Debian/Ubuntu: apt-get install postgresql) "
            + "or put the directory holding initdb on PATH.");
        var runAs = IsRoot() ? await EnsureServiceUserAsync(cancellationToken) : null;
        await SweepAbandonedAsync(binaries, runAs, cancellationToken);
        var folder = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, OwnerFile), Environment.ProcessId.ToString(CultureInfo.InvariantCulture), cancellationToken);
        var cluster = new PostgresCluster(binaries, runAs, folder, FreePort());
        try
        {
            if (runAs is not null)
            {
                await RunAsync("chown", [$"{runAs}:", folder], null, cancellationToken);
            }

            await cluster.RunServerToolAsync("initdb", ["-D", cluster.DataFolder, "-U", Superuser, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"], cancellationToken);
            await cluster.StartServerAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>Gets a connection string for a database of the cluster.</summary>
    /// <param name="database">The database.</param>
    /// <returns>The connection string (trust authentication: no password).</returns>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Database = database,
        Username = Superuser,
        Pooling = true,
        Timeout = 5,
    }.ConnectionString;

    /// <summary>Creates a new, empty database.</summary>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The connection string of the new database.</returns>
    public async Task<string> CreateDatabaseAsync(CancellationToken cancellationToken)
    {
        var name = $"st_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString("postgres") + ";Pooling=false");
        await connection.OpenAsync(cancellationToken);

        // A database name cannot be a parameter; this one is made here from a counter, never from input.
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync(cancellationToken);
        return ConnectionString(name);
    }

    /// <summary>Stops the server the way an administrator restarting it would (<c>pg_ctl stop -m fast</c>): clients are disconnected.</summary>
    /// <param name="cancellationToken">Cancels the stop.</param>
    /// <returns>A task that completes when the server is down.</returns>
    public async Task StopServerAsync(CancellationToken cancellationToken)
    {
        await RunServerToolAsync("pg_ctl", ["-D", DataFolder, "-m", "fast", "-w", "stop"], cancellationToken);
        IsRunning = false;
    }

    /// <summary>Starts the server (again) on the same port and waits until it accepts connections.</summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>A task that completes when the server is up.</returns>
    public async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var options = $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        await RunServerToolAsync("pg_ctl", ["-D", DataFolder, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"], cancellationToken);
        IsRunning = true;
    }

    /// <summary>Stops the server (immediately) and deletes its folder, even after a failure.</summary>
    /// <returns>A task that completes when everything is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (File.Exists(Path.Combine(DataFolder, "postmaster.pid")))
            {
                await RunServerToolAsync("pg_ctl", ["-D", DataFolder, "-m", "immediate", "-w", "stop"], CancellationToken.None);
            }
        }
        finally
        {
            IsRunning = false;
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>Gets the end of the server's log, for failure messages.</summary>
    /// <returns>The last lines of the log, or an empty string.</returns>
    public string ReadLogTail()
    {
        try
        {
            var lines = File.ReadAllLines(LogFile);
            return string.Join(Environment.NewLine, lines.Skip(Math.Max(0, lines.Length - 30)));
        }
        catch (IOException)
        {
            return string.Empty;
        }
    }

    private static string? FindBinaries()
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")));
        if (onPath is not null)
        {
            return onPath;
        }

        const string debian = "/usr/lib/postgresql";
        return Directory.Exists(debian)
            ? Directory.GetDirectories(debian)
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
    }

    /// <summary>
    /// Stops and deletes clusters left by test runs that were killed before their teardown (their owner process is
    /// gone). Clusters of live processes, a parallel test run's or a benchmark's, are left alone.
    /// </summary>
    private static async Task SweepAbandonedAsync(string binaries, string? runAs, CancellationToken cancellationToken)
    {
        foreach (var folder in Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*"))
        {
            try
            {
                // No owner file yet: being created by another run right now. Leave it.
                var ownerFile = Path.Combine(folder, OwnerFile);
                if (!File.Exists(ownerFile)
                    || IsAlive(int.Parse(await File.ReadAllTextAsync(ownerFile, cancellationToken), CultureInfo.InvariantCulture)))
                {
                    continue;
                }

                var data = Path.Combine(folder, "data");
                if (File.Exists(Path.Combine(data, "postmaster.pid")))
                {
                    await RunAsync(Path.Combine(binaries, "pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"], runAs, cancellationToken, throwOnError: false);
                }

                Directory.Delete(folder, recursive: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // Someone else's folder, or one being created right now: leave it.
            }
        }

        static bool IsAlive(int pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
        }
    }

    private static bool IsRoot() => string.Equals(Environment.UserName, "root", StringComparison.Ordinal);

    private static async Task<string> EnsureServiceUserAsync(CancellationToken cancellationToken)
    {
        var exists = await RunAsync("id", ["-u", ServiceUser], null, cancellationToken, throwOnError: false);
        if (exists.ExitCode != 0)
        {
            await RunAsync("useradd", ["--system", "--no-create-home", "--shell", "/usr/sbin/nologin", ServiceUser], null, cancellationToken);
        }

        return ServiceUser;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IReadOnlyList<string> arguments, string? runAs, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var start = new ProcessStartInfo
        {
            FileName = runAs is null ? file : "runuser",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (runAs is not null)
        {
            foreach (var argument in new[] { "-u", runAs, "--", file })
            {
                start.ArgumentList.Add(argument);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["LC_ALL"] = "C";
        using var process = new Process { StartInfo = start };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(CommandTimeout, TimeProvider.System);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            await process.WaitForExitAsync(linked.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', arguments)} did not finish in {CommandTimeout}: {output}");
        }

        string text;
        lock (output)
        {
            text = output.ToString();
        }

        if (throwOnError && process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} exited with {process.ExitCode}: {text}");
        }

        return (process.ExitCode, text);
    }

    private async Task RunServerToolAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            await RunAsync(Path.Combine(_binaries, tool), arguments, _runAs, cancellationToken);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidOperationException($"{ex.Message}{Environment.NewLine}Server log:{Environment.NewLine}{ReadLogTail()}", ex);
        }
    }
}
