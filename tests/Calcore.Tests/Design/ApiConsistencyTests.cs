using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using System.Xml.Linq;
using Calcore.Attendees;
using FluentAssertions;
using Xunit;

namespace Calcore.Tests.Design;

/// <summary>STYLE.md §5 design rules, checked by reflection over every public type of the Calcore assembly.</summary>
public class ApiConsistencyTests
{
    private const BindingFlags AllDeclared = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Assembly Calcore = typeof(StorageManager).Assembly;

    /// <summary>Abstract on purpose: attendees are a closed hierarchy (policies are data, not code).</summary>
    private static readonly Type[] ExtensionPoints = [typeof(Attendee)];

    private static readonly string[] RootEntryTypes = ["StorageManager", "StorageManagerBuilder", "AttendeeCalendar"];

    private static IEnumerable<Type> PublicTypes => Calcore.GetExportedTypes();

    private static bool IsVisible(MethodBase? m) => m is not null && (m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly);

    private static IEnumerable<MethodInfo> VisibleMethods(Type t) => t.GetMethods(AllDeclared).Where(IsVisible);

    private static string Name(MemberInfo m) => $"{m.DeclaringType?.FullName}.{m.Name}";

    [Fact]
    public void The_assembly_has_public_types()
        => PublicTypes.Should().HaveCountGreaterThan(30, "otherwise the rules below check nothing");

    [Fact]
    public void Public_classes_are_sealed_unless_abstract_static_or_a_known_extension_point()
    {
        Type[] offenders = [.. PublicTypes.Where(t => t.IsClass && !t.IsSealed && !ExtensionPoints.Contains(t))];

        offenders.Should().BeEmpty("public classes must be sealed (STYLE.md §5); unsealed: {0}", string.Join(", ", offenders.Select(t => t.FullName)));
    }

    [Fact]
    public void Known_extension_points_are_abstract_and_public()
    {
        foreach (Type t in ExtensionPoints)
        {
            t.IsAbstract.Should().BeTrue($"{t.Name} is listed as an extension point");
            t.IsPublic.Should().BeTrue();
        }
    }

    [Fact]
    public void Closed_hierarchies_cannot_be_derived_outside_Calcore()
    {
        // Attendee has only private protected constructors; a booking policy is data made by its named factories.
        typeof(Attendee).GetConstructors(AllDeclared).Where(c => !c.IsStatic).Should().OnlyContain(c => c.IsFamilyAndAssembly);
        typeof(BookingPolicy).GetConstructors(AllDeclared).Where(c => !c.IsStatic).Should().OnlyContain(c => c.IsPrivate);
    }

    [Fact]
    public void No_public_member_exposes_DateTime_or_DateTimeOffset()
    {
        var offenders = new List<string>();
        foreach (Type type in PublicTypes)
        {
            if (Mentions(type.BaseType) || type.GetInterfaces().Any(Mentions))
            {
                offenders.Add(type.FullName!);
            }
            foreach (MemberInfo member in type.GetMembers(AllDeclared))
            {
                IEnumerable<Type?> types = member switch
                {
                    MethodBase m when IsVisible(m) => m.GetParameters().Select(p => p.ParameterType).Append((m as MethodInfo)?.ReturnType),
                    PropertyInfo p when IsVisible(p.GetMethod) || IsVisible(p.SetMethod) => p.GetIndexParameters().Select(i => i.ParameterType).Append(p.PropertyType),
                    FieldInfo f when f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly => [f.FieldType],
                    EventInfo e when IsVisible(e.AddMethod) => [e.EventHandlerType],
                    _ => [],
                };
                if (types.Any(Mentions))
                {
                    offenders.Add(Name(member));
                }
            }
        }

        offenders.Should().BeEmpty("DESIGN.md: DateTime never appears in the public API; use NodaTime types");
    }

    [Fact]
    public void The_DateTime_check_sees_through_generics_arrays_and_nullables()
    {
        Mentions(typeof(Task<IReadOnlyList<DateTimeOffset?>>)).Should().BeTrue();
        Mentions(typeof(DateTime[]).MakeByRefType()).Should().BeTrue();
        Mentions(typeof(Task<IReadOnlyList<NodaTime.Instant?>>)).Should().BeFalse();
    }

    private static bool Mentions(Type? type)
    {
        if (type is null)
        {
            return false;
        }
        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return true;
        }
        if (type.HasElementType && Mentions(type.GetElementType()))
        {
            return true;
        }
        return type.IsGenericType && type.GetGenericArguments().Any(Mentions);
    }

    private static bool IsAsyncReturnType(Type t)
    {
        if (t == typeof(Task) || t == typeof(ValueTask))
        {
            return true;
        }
        if (!t.IsGenericType)
        {
            return false;
        }
        Type d = t.GetGenericTypeDefinition();
        return d == typeof(Task<>) || d == typeof(ValueTask<>) || d == typeof(IAsyncEnumerable<>);
    }

    /// <summary>IAsyncDisposable.DisposeAsync() has a fixed signature without a token.</summary>
    private static bool IsDisposeAsync(MethodInfo m) => m.Name == nameof(IAsyncDisposable.DisposeAsync) && m.GetParameters().Length == 0;

    [Fact]
    public void Every_public_asynchronous_method_ends_in_Async_and_takes_a_CancellationToken()
    {
        var offenders = new List<string>();
        int checkedMethods = 0;
        foreach (MethodInfo m in PublicTypes.SelectMany(VisibleMethods).Where(m => IsAsyncReturnType(m.ReturnType) && !IsDisposeAsync(m)))
        {
            checkedMethods++;
            if (!m.Name.EndsWith("Async", StringComparison.Ordinal))
            {
                offenders.Add($"{Name(m)}: name does not end in Async");
            }
            if (!m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken)))
            {
                offenders.Add($"{Name(m)}: no CancellationToken parameter");
            }
        }

        checkedMethods.Should().BeGreaterThan(20);
        offenders.Should().BeEmpty();
    }

    [Fact]
    public void Every_public_method_named_Async_is_asynchronous()
    {
        string[] offenders = [.. PublicTypes.SelectMany(VisibleMethods)
            .Where(m => m.Name.EndsWith("Async", StringComparison.Ordinal) && !IsAsyncReturnType(m.ReturnType))
            .Select(Name)];

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void The_CancellationToken_comes_last()
    {
        string[] offenders = [.. PublicTypes.SelectMany(VisibleMethods)
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(CancellationToken))
                && m.GetParameters()[^1].ParameterType != typeof(CancellationToken))
            .Select(Name)];

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void Every_public_exception_is_sealed_and_carries_data()
    {
        Type[] exceptions = [.. PublicTypes.Where(t => typeof(Exception).IsAssignableFrom(t))];

        exceptions.Should().HaveCountGreaterThanOrEqualTo(5);
        foreach (Type t in exceptions)
        {
            t.IsSealed.Should().BeTrue($"{t.Name} must be sealed");
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.DeclaringType != typeof(Exception) && typeof(Exception).GetProperty(p.Name) is null)
                .Should().NotBeEmpty($"{t.Name} must carry data beyond Exception's own properties");
        }
    }

    [Fact]
    public void The_root_namespace_holds_only_the_entry_types_and_provider_extensions()
    {
        foreach (Type t in PublicTypes.Where(t => t.Namespace == "Calcore"))
        {
            if (RootEntryTypes.Contains(t.Name))
            {
                continue;
            }
            bool providerExtensions = t.IsAbstract && t.IsSealed && t.Name.EndsWith("Extensions", StringComparison.Ordinal)
                && t.GetMethods(BindingFlags.Public | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .All(m => m.IsDefined(typeof(System.Runtime.CompilerServices.ExtensionAttribute), false)
                        && m.GetParameters()[0].ParameterType == typeof(StorageManagerBuilder));
            providerExtensions.Should().BeTrue($"{t.FullName} is in the root namespace but is neither an entry type nor a provider extension class");
        }
        PublicTypes.Select(t => t.Name).Should().Contain(RootEntryTypes);
    }

    [Fact]
    public void Public_types_live_in_the_known_namespaces_and_never_in_Internal()
    {
        string[] known = ["Calcore", "Calcore.Attendees", "Calcore.Events", "Calcore.Ics", "Calcore.Recurrence", "Calcore.Scheduling", "Calcore.Storage"];

        PublicTypes.Where(t => !known.Contains(t.Namespace)).Select(t => t.FullName).Should().BeEmpty();
        Calcore.GetTypes().Where(t => t.Namespace?.Contains(".Internal", StringComparison.Ordinal) == true && t.IsVisible)
            .Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void No_type_is_named_like_a_namespace()
    {
        string[] segments = [.. Calcore.GetTypes().Select(t => t.Namespace).OfType<string>().SelectMany(n => n.Split('.')).Distinct()];

        PublicTypes.Where(t => segments.Contains(t.Name)).Select(t => t.FullName).Should().BeEmpty();
    }

    [Fact]
    public void Public_types_are_not_nested()
        // The one exception is the pattern-based struct enumerator of a lazy sequence (as List<T>.Enumerator), which lets
        // foreach run without allocating.
        => PublicTypes.Where(t => t.IsNested && !(t.IsValueType && t.Name == "Enumerator")).Select(t => t.FullName).Should().BeEmpty();

    [Fact]
    public void Every_public_type_states_its_thread_safety_in_its_docs()
    {
        // STYLE.md §4: "immutable, thread-safe" or "not thread-safe", as a sentence of the type's docs. Enums and static
        // classes are exempt (AttendeeSourceExtensions states nothing, which is harmless for a stateless class).
        string xmlPath = Path.ChangeExtension(Calcore.Location, ".xml");
        File.Exists(xmlPath).Should().BeTrue("the build generates Calcore.xml and copies it next to the tests");
        Dictionary<string, string> docs = XDocument.Load(xmlPath).Descendants("member")
            .Where(m => ((string?)m.Attribute("name"))?.StartsWith("T:", StringComparison.Ordinal) == true)
            .ToDictionary(m => ((string)m.Attribute("name")!)[2..], m => m.Value, StringComparer.Ordinal);

        string[] silent = [.. PublicTypes
            .Where(t => !t.IsEnum && !(t.IsAbstract && t.IsSealed))
            .Where(t => !docs.TryGetValue(t.FullName!.Replace('+', '.'), out string? text) || !text.Contains("thread-safe", StringComparison.OrdinalIgnoreCase))
            .Select(t => t.FullName!)];

        silent.Should().BeEmpty();
    }

    [Fact]
    public void Public_mutable_fields_do_not_exist()
    {
        string[] offenders = [.. PublicTypes
            .SelectMany(t => t.GetFields(AllDeclared))
            .Where(f => (f.IsPublic || f.IsFamily) && !f.IsLiteral && !f.IsInitOnly && !f.IsSpecialName)
            .Select(f => Name(f))];

        offenders.Should().BeEmpty("domain values are immutable");
    }
}
