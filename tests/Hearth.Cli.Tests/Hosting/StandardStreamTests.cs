using System.Text;
using Hearth.Cli.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hearth.Cli.Tests.Hosting;

public sealed class StandardStreamTests
{
    [Fact]
    public void Output_into_a_file_is_held_briefly_then_written_without_anyone_flushing()
    {
        var (sink, clock, output) = Buffered();

        output.WriteLine("Creating...");
        var before = Text(sink);
        clock.Advance(DeferredFlushWriter.FlushDelay);

        Assert.Equal("", before);
        Assert.Equal("Creating...\n", Text(sink));
    }

    [Fact]
    public void Lines_written_within_the_delay_go_out_together_and_later_lines_start_a_new_delay()
    {
        var (sink, clock, output) = Buffered();

        output.WriteLine("one");
        clock.Advance(DeferredFlushWriter.FlushDelay / 2);
        output.WriteLine("two");
        clock.Advance(DeferredFlushWriter.FlushDelay / 2);
        var first = Text(sink);
        output.WriteLine("three");
        var beforeSecondDelay = Text(sink);
        clock.Advance(DeferredFlushWriter.FlushDelay);

        Assert.Equal("one\ntwo\n", first);
        Assert.Equal(first, beforeSecondDelay);
        Assert.Equal("one\ntwo\nthree\n", Text(sink));
    }

    [Fact]
    public void Disposing_the_output_writes_what_is_still_held()
    {
        var (sink, _, output) = Buffered();

        output.Write("Apply complete!");
        output.Dispose();

        Assert.Equal("Apply complete!", Text(sink));
    }

    [Fact]
    public void An_error_line_follows_the_output_written_before_it_when_both_go_to_one_file()
    {
        var (sink, _, output) = Buffered();
        var error = new OrderedErrorWriter(new StreamWriter(sink, new UTF8Encoding(false), 1024, leaveOpen: true) { AutoFlush = true, NewLine = "\n" }, output);

        output.WriteLine("Plan: 1 to add");
        error.WriteLine("Error: dns_record.a: refused");

        Assert.Equal("Plan: 1 to add\nError: dns_record.a: refused\n", Text(sink));
    }

    [Fact]
    public void A_write_that_fails_in_the_background_is_reported_to_the_next_caller_not_lost_or_fatal()
    {
        var clock = new FakeTimeProvider();
        var output = new DeferredFlushWriter(new FullDiskWriter(), clock);
        output.WriteLine("Creating...");

        clock.Advance(DeferredFlushWriter.FlushDelay); // the timer's flush fails: no exception escapes on its thread

        var error = Assert.Throws<IOException>(() => output.WriteLine("Creation complete"));
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Takes writes, and fails to flush them as a full disk does.</summary>
    private sealed class FullDiskWriter : StringWriter
    {
        public override void Flush() => throw new IOException("No space left on device");
    }

    private static (MemoryStream Sink, FakeTimeProvider Clock, DeferredFlushWriter Output) Buffered()
    {
        var sink = new MemoryStream();
        var clock = new FakeTimeProvider();
        var target = new StreamWriter(sink, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { AutoFlush = false, NewLine = "\n" };
        return (sink, clock, new DeferredFlushWriter(target, clock));
    }

    private static string Text(MemoryStream sink) => Encoding.UTF8.GetString(sink.ToArray());
}
