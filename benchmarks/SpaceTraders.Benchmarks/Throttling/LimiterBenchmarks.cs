using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using SpaceTraders.Sdk.Throttling;

namespace SpaceTraders.Benchmarks.Throttling;

/// <summary>
/// The cost of taking and releasing one permit: the SDK's <see cref="PriorityRateLimiter"/> against .NET's
/// <see cref="TokenBucketRateLimiter"/>, uncontended and with 64 tasks contending. Both are sized so that no
/// request ever waits: this measures bookkeeping, not pacing.
/// </summary>
[MemoryDiagnoser]
public class LimiterBenchmarks
{
    private const int Contenders = 64;
    private const int PerContender = 256;
    private PriorityRateLimiter _priority = null!;
    private TokenBucketRateLimiter _tokenBucket = null!;
    private PermitRequest _request;

    [GlobalSetup]
    public void Setup()
    {
        _priority = new PriorityRateLimiter(new ThrottlingOptions { StaticPoolSize = int.MaxValue / 4, BurstPoolSize = int.MaxValue / 4, SafetyMargin = TimeSpan.Zero });
        _tokenBucket = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = int.MaxValue / 2,
            TokensPerPeriod = int.MaxValue / 2,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 10_000,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        _request = new PermitRequest(RequestPriority.Critical, "agent-1");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _priority.Dispose();
        _tokenBucket.Dispose();
    }

    [Benchmark(Baseline = true, Description = "TokenBucket acquire+release")]
    public async Task TokenBucketUncontended()
    {
        using var lease = await _tokenBucket.AcquireAsync(1);
    }

    [Benchmark(Description = "PriorityRateLimiter acquire+release")]
    public async Task PriorityUncontended()
    {
        using var lease = await _priority.AcquireAsync(_request, 1);
    }

    [Benchmark(OperationsPerInvoke = Contenders * PerContender, Description = "TokenBucket, 64 contending tasks")]
    public Task TokenBucketContended() => ContendAsync(async () =>
    {
        using var lease = await _tokenBucket.AcquireAsync(1);
    });

    [Benchmark(OperationsPerInvoke = Contenders * PerContender, Description = "PriorityRateLimiter, 64 contending tasks")]
    public Task PriorityContended() => ContendAsync(async () =>
    {
        using var lease = await _priority.AcquireAsync(_request, 1);
    });

    private static Task ContendAsync(Func<Task> acquireRelease)
    {
        var tasks = new Task[Contenders];
        for (var i = 0; i < Contenders; i++)
        {
            tasks[i] = Task.Run(async () =>
            {
                for (var j = 0; j < PerContender; j++)
                {
                    await acquireRelease();
                }
            });
        }

        return Task.WhenAll(tasks);
    }
}
