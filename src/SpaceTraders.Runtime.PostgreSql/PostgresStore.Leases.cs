using Npgsql;
using SpaceTraders.Runtime.Abstractions;

namespace SpaceTraders.Runtime.PostgreSql;

/// <content>
/// Ship leases: compare-and-set on the lease row, hand-out with <c>FOR UPDATE SKIP LOCKED</c>, and the closing of a
/// previous owner's sessions when its expired lease is taken over.
/// </content>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// One transaction: the lease row is locked (<c>SELECT ... FOR UPDATE</c>), then taken with <c>INSERT ... ON CONFLICT
    /// (ship) DO UPDATE ... WHERE</c> the lease is free, held by <paramref name="owner"/>, or expired (<c>expires &lt;=
    /// now</c>), <c>RETURNING</c> the row. Two dispatchers racing for one ship are serialised by the row lock: exactly one
    /// sees its update applied. When the lease taken was another owner's (expired), that owner's open sessions of the ship
    /// are closed as <c>abandoned</c> at the lease's expiry in the same transaction.
    /// </para>
    /// <para>
    /// <b>Clocks.</b> Expiry is judged by <paramref name="now"/>, the caller's clock, not the database's, so that
    /// virtual-time runs work. Across nodes of a live fleet this assumes their clocks agree to well within a lease's
    /// duration (NTP gives milliseconds; leases last tens of seconds): a node whose clock runs ahead by <c>d</c> can
    /// take a lease <c>d</c> early, so keep the renewal margin larger than any plausible skew.
    /// </para>
    /// </remarks>
    public Task<LeaseResult> TryAcquireLeaseAsync(string shipSymbol, string agentSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(agentSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var expires = (now + duration).UtcTicks;
        return RunAsync(
            async connection =>
            {
                var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using var transactionScope = transaction.ConfigureAwait(false);
                var previous = await LockLeasesAsync(connection, transaction, [shipSymbol], cancellationToken).ConfigureAwait(false);
                LeaseResult result;
                using (var take = new NpgsqlCommand(
                    """
                    INSERT INTO spacetraders.leases AS l (ship_symbol, agent_symbol, owner, expires_ticks)
                    VALUES (@ship, @agent, @owner, @expires)
                    ON CONFLICT (ship_symbol) DO UPDATE
                        SET agent_symbol = excluded.agent_symbol, owner = excluded.owner, expires_ticks = excluded.expires_ticks
                        WHERE l.owner IS NULL OR l.owner = excluded.owner OR l.expires_ticks <= @now
                    RETURNING l.owner, l.expires_ticks
                    """,
                    connection,
                    transaction))
                {
                    take.Parameters.AddWithValue("ship", shipSymbol);
                    take.Parameters.AddWithValue("agent", agentSymbol);
                    take.Parameters.AddWithValue("owner", owner);
                    take.Parameters.AddWithValue("expires", expires);
                    take.Parameters.AddWithValue("now", now.UtcTicks);
                    var taken = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var takenScope = taken.ConfigureAwait(false);
                    result = await taken.ReadAsync(cancellationToken).ConfigureAwait(false)
                        ? new LeaseResult(true, taken.GetString(0), Time(taken.GetInt64(1)))
                        : null!;
                }

                if (result is null)
                {
                    // Refused: another owner holds it (a row inserted by a concurrent caller after the lock is read now).
                    if (!previous.TryGetValue(shipSymbol, out var held))
                    {
                        held = (await LockLeasesAsync(connection, transaction, [shipSymbol], cancellationToken).ConfigureAwait(false))
                            .GetValueOrDefault(shipSymbol, (null, now.UtcTicks));
                    }

                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                    return new LeaseResult(false, held.Owner ?? string.Empty, Time(held.ExpiresTicks));
                }

                await CloseTakenOverSessionsAsync(connection, transaction, previous, owner, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// One compare-and-set: <c>UPDATE ... WHERE ship = @ship AND owner = @owner</c>. It extends the lease while the row
    /// names <paramref name="owner"/> (expired or not: nobody else took it), or takes again a lease the owner released (a
    /// release keeps the owner and marks the lease free); a lease another owner took is never renewed, even once that
    /// owner released it (it may have run the ship meanwhile). A ship never leased has nothing to renew.
    /// </remarks>
    public async Task<bool> RenewLeaseAsync(string shipSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        var renewed = await RenewLeasesAsync([shipSymbol], owner, duration, now, cancellationToken).ConfigureAwait(false);
        return renewed.Count == 1;
    }

    /// <inheritdoc />
    /// <remarks>One statement for all the ships, with the rule of <see cref="RenewLeaseAsync"/>.</remarks>
    public Task<IReadOnlyList<string>> RenewLeasesAsync(IReadOnlyCollection<string> shipSymbols, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(shipSymbols);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        var ships = shipSymbols.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (ships.Length == 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        return RunAsync<IReadOnlyList<string>>(
            async connection =>
            {
                using var renew = new NpgsqlCommand(
                    """
                    UPDATE spacetraders.leases SET owner = @owner, expires_ticks = @expires
                    WHERE ship_symbol = ANY(@ships) AND owner = @owner
                    RETURNING ship_symbol
                    """,
                    connection);
                renew.Parameters.AddWithValue("owner", owner);
                renew.Parameters.AddWithValue("expires", (now + duration).UtcTicks);
                renew.Parameters.AddWithValue("ships", ships);
                var renewed = new List<string>();
                var reader = await renew.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    renewed.Add(reader.GetString(0));
                }

                renewed.Sort(StringComparer.Ordinal);
                return renewed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The row keeps its owner and its expiry becomes <see cref="ReleasedTicks"/>: anyone may acquire the lease (a
    /// hand-over, which closes no session), but only the owner's renewal takes it back, so a node that lost the lease to
    /// another before that one released it finds it lost instead of taking it back.
    /// </remarks>
    public Task ReleaseLeaseAsync(string shipSymbol, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return RunAsync(
            async connection =>
            {
                using var release = new NpgsqlCommand(
                    "UPDATE spacetraders.leases SET expires_ticks = @released WHERE ship_symbol = @ship AND owner = @owner",
                    connection);
                release.Parameters.AddWithValue("released", ReleasedTicks);
                release.Parameters.AddWithValue("ship", shipSymbol);
                release.Parameters.AddWithValue("owner", owner);
                return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    /// <summary>The expiry of a released lease: before every <c>now</c>, so free to acquire (rows released before this rule have no owner instead).</summary>
    private const long ReleasedTicks = 0;

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>Locks the lease rows of the ships (those that exist) and reads their owners and expiries before a take.</summary>
    private static async Task<Dictionary<string, (string? Owner, long ExpiresTicks)>> LockLeasesAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string[] ships, CancellationToken cancellationToken)
    {
        using var read = new NpgsqlCommand(
            "SELECT ship_symbol, owner, expires_ticks FROM spacetraders.leases WHERE ship_symbol = ANY(@ships) ORDER BY ship_symbol FOR UPDATE",
            connection,
            transaction);
        read.Parameters.AddWithValue("ships", ships);
        var rows = new Dictionary<string, (string? Owner, long ExpiresTicks)>(StringComparer.Ordinal);
        var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var readerScope = reader.ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows[reader.GetString(0)] = (reader.IsDBNull(1) ? null : reader.GetString(1), reader.GetInt64(2));
        }

        return rows;
    }

    /// <summary>
    /// Closes, as <c>abandoned</c> at the lapsed lease's expiry (or their start, if later), the open sessions of every
    /// ship whose lease <paramref name="newOwner"/> just took from another owner. Runs in the take's transaction.
    /// </summary>
    private async Task CloseTakenOverSessionsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Dictionary<string, (string? Owner, long ExpiresTicks)> previous, string newOwner, CancellationToken cancellationToken)
    {
        foreach (var (ship, (previousOwner, expiresTicks)) in previous.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            // A released lease is handed over, not taken over: its owner closed its sessions before it released it.
            if (previousOwner is null || expiresTicks == ReleasedTicks || string.Equals(previousOwner, newOwner, StringComparison.Ordinal))
            {
                continue;
            }

            using var close = new NpgsqlCommand(
                """
                UPDATE spacetraders.sessions
                SET ended_ticks = greatest(started_ticks, @lapsed), outcome = @outcome, reason = @reason
                WHERE ship_symbol = @ship AND node = @previous AND ended_ticks IS NULL
                """,
                connection,
                transaction);
            close.Parameters.AddWithValue("lapsed", expiresTicks);
            close.Parameters.AddWithValue("outcome", LeaseTakeovers.Outcome.ToName());
            close.Parameters.AddWithValue("reason", LeaseTakeovers.Reason(previousOwner, newOwner, Time(expiresTicks)));
            close.Parameters.AddWithValue("ship", ship);
            close.Parameters.AddWithValue("previous", previousOwner);
            var closed = await close.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            if (closed > 0)
            {
                lock (_gate)
                {
                    _rowsWritten[StoreTables.Sessions] = _rowsWritten.GetValueOrDefault(StoreTables.Sessions) + closed;
                }

                PostgresStoreLog.SessionsTakenOver(_logger, closed, ship, previousOwner, newOwner);
            }
        }
    }
}
