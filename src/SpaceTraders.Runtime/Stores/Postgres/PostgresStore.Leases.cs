using Npgsql;

namespace SpaceTraders.Runtime.Stores.Postgres;

/// <content>Ship leases: compare-and-set on the lease row, hand-out with <c>FOR UPDATE SKIP LOCKED</c>.</content>
public sealed partial class PostgresStore
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>
    /// One statement: <c>INSERT ... ON CONFLICT (ship) DO UPDATE ... WHERE</c> the lease is free, held by
    /// <paramref name="owner"/>, or expired (<c>expires &lt;= now</c>), <c>RETURNING</c> the row. Two dispatchers racing
    /// for one ship are serialised by the row lock: exactly one sees its update applied.
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
                // A lease released between the two statements is free again: try once more.
                for (var attempt = 0; ; attempt++)
                {
                    using (var take = new NpgsqlCommand(
                        """
                        INSERT INTO spacetraders.leases AS l (ship_symbol, agent_symbol, owner, expires_ticks)
                        VALUES (@ship, @agent, @owner, @expires)
                        ON CONFLICT (ship_symbol) DO UPDATE
                            SET agent_symbol = excluded.agent_symbol, owner = excluded.owner, expires_ticks = excluded.expires_ticks
                            WHERE l.owner IS NULL OR l.owner = excluded.owner OR l.expires_ticks <= @now
                        RETURNING l.owner, l.expires_ticks
                        """,
                        connection))
                    {
                        take.Parameters.AddWithValue("ship", shipSymbol);
                        take.Parameters.AddWithValue("agent", agentSymbol);
                        take.Parameters.AddWithValue("owner", owner);
                        take.Parameters.AddWithValue("expires", expires);
                        take.Parameters.AddWithValue("now", now.UtcTicks);
                        var taken = await take.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                        await using var takenScope = taken.ConfigureAwait(false);
                        if (await taken.ReadAsync(cancellationToken).ConfigureAwait(false))
                        {
                            return new LeaseResult(true, taken.GetString(0), Time(taken.GetInt64(1)));
                        }
                    }

                    using var read = new NpgsqlCommand("SELECT owner, expires_ticks FROM spacetraders.leases WHERE ship_symbol = @ship", connection);
                    read.Parameters.AddWithValue("ship", shipSymbol);
                    var held = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                    await using var heldScope = held.ConfigureAwait(false);
                    if (await held.ReadAsync(cancellationToken).ConfigureAwait(false) && !held.IsDBNull(0))
                    {
                        return new LeaseResult(false, held.GetString(0), Time(held.GetInt64(1)));
                    }

                    if (attempt >= 3)
                    {
                        return new LeaseResult(false, string.Empty, now);
                    }
                }
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The candidates are registered first (<c>INSERT ... ON CONFLICT DO NOTHING</c>, in symbol order so that two
    /// callers cannot deadlock), then one statement locks up to <paramref name="max"/> free or expired lease rows of the
    /// agent with <c>FOR UPDATE SKIP LOCKED</c> (rows another caller is claiming are skipped, not waited for) and gives
    /// them to <paramref name="owner"/>. Ships already held by <paramref name="owner"/> and still valid are not
    /// returned again. Clocks as for <see cref="TryAcquireLeaseAsync"/>.
    /// </remarks>
    public Task<IReadOnlyList<string>> ClaimShipsAsync(string agentSymbol, IReadOnlyCollection<string> candidates, string owner, int max, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(agentSymbol);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        if (max <= 0)
        {
            return Task.FromResult<IReadOnlyList<string>>([]);
        }

        var register = candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return RunAsync<IReadOnlyList<string>>(
            async connection =>
            {
                if (register.Length > 0)
                {
                    using var insert = new NpgsqlCommand(
                        """
                        INSERT INTO spacetraders.leases (ship_symbol, agent_symbol, owner, expires_ticks)
                        SELECT s, @agent, NULL, 0 FROM unnest(@ships::text[]) AS s
                        ON CONFLICT (ship_symbol) DO NOTHING
                        """,
                        connection);
                    insert.Parameters.AddWithValue("agent", agentSymbol);
                    insert.Parameters.AddWithValue("ships", register);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                using var claim = new NpgsqlCommand(
                    """
                    WITH free AS (
                        SELECT ship_symbol FROM spacetraders.leases
                        WHERE agent_symbol = @agent AND (owner IS NULL OR expires_ticks <= @now)
                        ORDER BY ship_symbol
                        LIMIT @max
                        FOR UPDATE SKIP LOCKED)
                    UPDATE spacetraders.leases AS l
                    SET owner = @owner, expires_ticks = @expires
                    FROM free
                    WHERE l.ship_symbol = free.ship_symbol
                    RETURNING l.ship_symbol
                    """,
                    connection);
                claim.Parameters.AddWithValue("agent", agentSymbol);
                claim.Parameters.AddWithValue("now", now.UtcTicks);
                claim.Parameters.AddWithValue("max", max);
                claim.Parameters.AddWithValue("owner", owner);
                claim.Parameters.AddWithValue("expires", (now + duration).UtcTicks);
                var claimed = new List<string>();
                var reader = await claim.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                await using var readerScope = reader.ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    claimed.Add(reader.GetString(0));
                }

                claimed.Sort(StringComparer.Ordinal);
                return claimed;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Extends the lease while the row names <paramref name="owner"/>, or takes it again when it lapsed or was
    /// released and nobody else took it (no one else ran the ship meanwhile): one compare-and-set
    /// <c>UPDATE ... WHERE owner = @owner OR owner IS NULL OR expires &lt;= now</c>. A ship never leased has nothing to renew.
    /// </remarks>
    public Task<bool> RenewLeaseAsync(string shipSymbol, string owner, TimeSpan duration, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return RunAsync(
            async connection =>
            {
                using var renew = new NpgsqlCommand(
                    """
                    UPDATE spacetraders.leases SET owner = @owner, expires_ticks = @expires
                    WHERE ship_symbol = @ship AND (owner = @owner OR owner IS NULL OR expires_ticks <= @now)
                    """,
                    connection);
                renew.Parameters.AddWithValue("owner", owner);
                renew.Parameters.AddWithValue("expires", (now + duration).UtcTicks);
                renew.Parameters.AddWithValue("ship", shipSymbol);
                renew.Parameters.AddWithValue("now", now.UtcTicks);
                return await renew.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    public Task ReleaseLeaseAsync(string shipSymbol, string owner, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(shipSymbol);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return RunAsync(
            async connection =>
            {
                using var release = new NpgsqlCommand(
                    "UPDATE spacetraders.leases SET owner = NULL WHERE ship_symbol = @ship AND owner = @owner",
                    connection);
                release.Parameters.AddWithValue("ship", shipSymbol);
                release.Parameters.AddWithValue("owner", owner);
                return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            },
            cancellationToken);
    }

    private static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);
}
