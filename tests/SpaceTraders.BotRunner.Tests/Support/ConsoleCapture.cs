using System.Text;

namespace SpaceTraders.BotRunner.Tests.Support;

/// <summary>A console the runner writes to, that a test can wait on for a line while the runner runs. Thread-safe.</summary>
internal sealed class ConsoleCapture : TextWriter
{
    private readonly Lock _gate = new();
    private readonly StringBuilder _all = new();
    private readonly StringBuilder _line = new();
    private readonly List<string> _lines = [];
    private readonly List<(Func<string, bool> Match, TaskCompletionSource<string> Found)> _waiters = [];

    /// <inheritdoc />
    public override Encoding Encoding => Encoding.UTF8;

    /// <inheritdoc />
    public override void Write(char value)
    {
        lock (_gate)
        {
            _all.Append(value);
            if (value != '\n')
            {
                _line.Append(value);
                return;
            }

            var line = _line.ToString().TrimEnd('\r');
            _line.Clear();
            _lines.Add(line);
            foreach (var waiter in _waiters.Where(w => w.Match(line)).ToList())
            {
                _waiters.Remove(waiter);
                waiter.Found.TrySetResult(line);
            }
        }
    }

    /// <summary>Waits for the first line (written already or to come) that matches.</summary>
    /// <param name="match">Which line.</param>
    /// <returns>The line.</returns>
    public Task<string> LineAsync(Func<string, bool> match)
    {
        lock (_gate)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return Task.FromResult(line);
            }

            var found = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((match, found));
            return found.Task;
        }
    }

    /// <inheritdoc />
    public override string ToString()
    {
        lock (_gate)
        {
            return _all.ToString();
        }
    }
}
