using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace Calcore.Samples;

/// <summary>The README's code is copied from samples, never typed by hand: these tests keep it so.</summary>
public class ReadmeTests
{
    [Fact]
    public void Readme_quickstart_is_the_quickstart_sample()
    {
        string sample = Region(File.ReadAllText(RepositoryFiles.PathOf("samples", "Calcore.Samples", "QuickstartSample.cs")), "quickstart");
        string readme = File.ReadAllText(RepositoryFiles.PathOf("README.md")).ReplaceLineEndings("\n");
        readme.Should().Contain(sample, "README.md's quickstart block must be the region 'quickstart' of QuickstartSample.cs, unindented");
    }

    private static string Region(string source, string name)
    {
        string[] lines = source.ReplaceLineEndings("\n").Split('\n');
        int start = Array.FindIndex(lines, l => l.Trim() == "#region " + name) + 1;
        int end = Array.FindIndex(lines, start, l => l.Trim() == "#endregion");
        start.Should().BePositive();
        end.Should().BeGreaterThan(start);
        string[] body = lines[start..end];
        int indent = body.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join("\n", body.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }
}
