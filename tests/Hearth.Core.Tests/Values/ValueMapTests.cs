using Hearth.Core.Values;

namespace Hearth.Core.Tests.Values;

public sealed class ValueMapTests
{
    public static TheoryData<string[], string[]> Changes => new()
    {
        { ["a", "c", "e"], ["b", "d"] },          // new keys between the old ones
        { ["b", "d"], ["a", "e", "c"] },          // new keys before, after and between, given out of order
        { ["a", "b", "c"], ["b", "c"] },          // replacements only
        { [], ["z", "y"] },                       // into an empty map
        { ["a"], ["b", "a", "b"] },               // a key given twice: the later wins
        { ["k1", "k10", "k2"], [] },              // nothing to set
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Setting_several_items_at_once_gives_the_map_setting_them_one_by_one_gives(string[] existing, string[] set)
    {
        var map = new ValueMap(existing.Select(k => KeyValuePair.Create(k, Value.String($"old {k}"))));
        var items = set.Select((k, i) => KeyValuePair.Create(k, Value.String($"new {k} #{i}"))).ToArray();

        var atOnce = map.SetItems(items);
        var oneByOne = items.Aggregate(map, (current, item) => current.SetItem(item.Key, item.Value));

        Assert.Equal(oneByOne, atOnce);
        Assert.Equal(oneByOne.Keys, atOnce.Keys);
    }

    [Fact]
    public void Of_entries_given_out_of_order_with_keys_given_twice_the_later_one_wins()
    {
        // Enough entries that a sort stops being an insertion sort: each of 20 keys twice, interleaved backwards.
        var keys = Enumerable.Range(0, 20).Select(i => $"k{i:00}").ToList();
        var entries = keys.AsEnumerable().Reverse().Concat(keys).Select((k, i) => KeyValuePair.Create(k, Value.String($"{k}@{i}"))).ToList();

        var map = new ValueMap(entries);

        Assert.Equal(keys, map.Keys);
        Assert.All(keys, k => Assert.Equal($"{k}@{20 + keys.IndexOf(k)}", map[k].ToText()));
    }
}
