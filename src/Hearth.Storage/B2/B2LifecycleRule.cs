namespace Hearth.Storage.B2;

/// <summary>One lifecycle rule of a bucket (days are positive or null; <c>""</c> as prefix is the whole bucket).</summary>
internal sealed record B2LifecycleRule(
    string FileNamePrefix,
    int? DaysFromUploadingToHiding,
    int? DaysFromHidingToDeleting,
    int? DaysFromStartingToCancelingUnfinishedLargeFiles = null);
