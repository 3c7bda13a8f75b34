using System.Text;
using Hearth.Cli.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hearth.Cli.Tests.Hosting;

public sealed class StandardStreamTests
{
    [Fact]
    public void A_line_after_a_quiet_spell_goes_out_at_once_and_lines_right_after_it_are_written_together_without_anyone_flushing()
    {
        var (sink, clock, output) = Buffered();

        output.WriteLine("Plan: 5000 to add");
        var first = Text(sink);
        output.WriteLine("Creating...");
        output.WriteLine("Creating...");
        var held = Text(sink);
        clock.Advance(DeferredFlushWriter.FlushDelay);

        Assert.Equal("Plan: 5000 to add\n", first);
        Assert.Equal(first, held);
        Assert.Equal("Plan: 5000 to add\nCreating...\nCreating...\n", Text(sink));
    }

    [Fact]
    public void Lines_keep_going_out_at_most_one_delay_behind_while_they_keep_coming()
    {
        var (sink, clock, output) = Buffered();

        output.WriteLine("zero");
        output.WriteLine("one");
        clock.Advance(DeferredFlushWriter.FlushDelay / 2);
        output.WriteLine("two");
        clock.Advance(DeferredFlushWriter.FlushDelay / 2);
        var afterOneDelay = Text(sink);
        output.WriteLine("three");
        var beforeTheNext = Text(sink);
        clock.Advance(DeferredFlushWriter.FlushDelay);

        Assert.Equal("zero\none\ntwo\n", afterOneDelay);
        Assert.Equal(afterOneDelay, beforeTheNext);
        Assert.Equal("zero\none\ntwo\nthree\n", Text(sink));
    }

    [Fact]
    public void Disposing_the_output_writes_what_is_still_held()
    {
        var (sink, _, output) = Buffered();

        output.WriteLine("Plan: 1 to add");
        output.Write("Apply complete!");
        output.Dispose();

        Assert.Equal("Plan: 1 to add\nApply complete!", Text(sink));
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
        var disk = new FullDiskWriter();
        var output = new DeferredFlushWriter(disk, clock);
        output.WriteLine("Plan: 1 to add");
        disk.Full = true;
        output.WriteLine("Creating...");

        clock.Advance(DeferredFlushWriter.FlushDelay); // the timer's flush fails: no exception escapes on its thread

        var error = Assert.Throws<IOException>(() => output.WriteLine("Creation complete"));
        Assert.Contains("No space left on device", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Takes writes, and once full fails to flush them as a full disk does.</summary>
    private sealed class FullDiskWriter : StringWriter
    {
        public bool Full { get; set; }

        public override void Flush()
        {
            if (Full)
                throw new IOException("No space left on device");
        }
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
