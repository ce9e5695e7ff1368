using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Calcore.Attendees;
using Calcore.Events;
using Calcore.Storage;
using FluentAssertions;
using NodaTime;
using Xunit;
using static Calcore.Tests.TestWorld;

namespace Calcore.Tests;

public partial class StorageManagerTests : IAsyncLifetime
{
    private readonly TestWorld _w = TestWorld.Create();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _w.DisposeAsync();

    private StorageManager Manager => _w.Manager;

    // ------------------------------------------------------------------ create

    [Fact]
    public async Task Create_with_an_organizer_makes_the_organizer_an_accepted_required_participant()
    {
        CalendarEvent e = await Manager.CreateEventAsync(At(2, 10) with { OrganizerId = _w.Martijn.Id });

        e.OrganizerId.Should().Be(_w.Martijn.Id);
        e.Commitments.Should().ContainSingle();
        Commitment c = e.Commitments[0];
        c.AttendeeId.Should().Be(_w.Martijn.Id);
        c.AttendeeType.Should().Be(CalendarUserType.Individual);
        c.Status.Should().Be(ParticipationStatus.Accepted);
        c.Role.Should().Be(ParticipationRole.RequiredParticipant);
        c.Id.Value.Should().NotBeEmpty();
        e.GetParticipationStatus(_w.Martijn.Id).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Create_through_the_attendee_sets_it_as_organizer_even_over_another_one()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 10) with { OrganizerId = _w.Martijn.Id });

        e.OrganizerId.Should().Be(_w.Bob.Id);
        e.AttendeeIds.Should().Equal(_w.Bob.Id);
    }

    [Fact]
    public async Task Create_with_a_room_organizer_is_refused_a_room_is_booked_by_inviting_it()
    {
        Func<Task> act = () => Manager.CreateEventAsync(At(2, 10) with { OrganizerId = _w.Room1.Id });

        await act.Should().ThrowAsync<ArgumentException>().WithParameterName("details");
    }

    [Fact]
    public async Task Create_with_an_unknown_organizer_records_an_individual()
    {
        CalendarEvent e = await Manager.CreateEventAsync(At(2, 10) with { OrganizerId = new AttendeeId("stranger") });

        e.Commitments.Single().AttendeeType.Should().Be(CalendarUserType.Individual);
        e.GetParticipationStatus(new AttendeeId("stranger")).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Create_without_organizer_has_no_attendees()
    {
        CalendarEvent e = await Manager.CreateEventAsync(At(2, 10));

        e.Commitments.Should().BeEmpty();
        e.OrganizerId.Should().BeNull();
    }

    [Fact]
    public async Task Create_stamps_created_and_updated_from_the_clock_at_version_1()
    {
        _w.Clock.Reset(Instant.FromUtc(2026, 2, 14, 12, 0));

        CalendarEvent e = await Manager.CreateEventAsync(At(2, 10));

        e.Version.Should().Be(1);
        e.Created.Should().Be(Instant.FromUtc(2026, 2, 14, 12, 0));
        e.Updated.Should().Be(e.Created);
    }

    [Fact]
    public async Task Create_generates_distinct_ids_and_uses_the_id_as_uid_by_default()
    {
        var ids = new HashSet<EventId>();
        for (int i = 0; i < 20; i++)
        {
            CalendarEvent e = await Manager.CreateEventAsync(At(2, 10));
            ids.Add(e.Id).Should().BeTrue();
            e.Uid.Should().Be(e.Id.Value);
        }
        // Q4: a delete must not make the next generated id collide with a stored one.
        await Manager.DeleteEventAsync(ids.First());
        CalendarEvent after = await Manager.CreateEventAsync(At(2, 10));
        ids.Should().NotContain(after.Id);
    }

    [Fact]
    public async Task Create_keeps_a_supplied_uid_apart_from_the_id()
    {
        CalendarEvent e = await Manager.CreateEventAsync(At(2, 10) with { Uid = "uid@example.org" }, new EventId("my-id"));

        e.Id.Should().Be(new EventId("my-id"));
        e.Uid.Should().Be("uid@example.org");
    }

    [Fact]
    public async Task Create_with_a_supplied_id_that_exists_is_refused_and_the_original_is_untouched()
    {
        CalendarEvent original = await Manager.CreateEventAsync(At(2, 10, title: "Original"), new EventId("fixed"));

        Func<Task> act = () => Manager.CreateEventAsync(At(3, 11, title: "Intruder") with { OrganizerId = _w.Bob.Id }, new EventId("fixed"));

        (await act.Should().ThrowAsync<EventAlreadyExistsException>()).Which.EventId.Should().Be(new EventId("fixed"));
        CalendarEvent stored = await Manager.GetEventAsync(new EventId("fixed"));
        stored.Title.Should().Be("Original");
        stored.Version.Should().Be(original.Version);
        stored.Timing.Should().Be(original.Timing);
        stored.Commitments.Should().BeEmpty();
        ((MemoryStorage)Manager.Storage).Count.Should().Be(1);
    }

    [Fact]
    public async Task Create_refuses_null_details_and_a_default_id()
    {
        Func<Task> nullDetails = () => Manager.CreateEventAsync(null!);
        Func<Task> nullDetailsWithId = () => Manager.CreateEventAsync(null!, new EventId("x"));
        Func<Task> defaultId = () => Manager.CreateEventAsync(At(2, 10), default(EventId));

        (await nullDetails.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("details");
        await nullDetailsWithId.Should().ThrowAsync<ArgumentNullException>();
        (await defaultId.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("id");
    }

    // ------------------------------------------------------------------ find and get

    [Fact]
    public async Task Find_returns_null_for_an_unknown_or_default_id()
    {
        (await Manager.FindEventAsync(new EventId("nope"))).Should().BeNull();
        (await Manager.FindEventAsync(default)).Should().BeNull();
    }

    [Fact]
    public async Task Get_throws_not_found_carrying_the_id()
    {
        Func<Task> act = () => Manager.GetEventAsync(new EventId("nope"));

        EventNotFoundException ex = (await act.Should().ThrowAsync<EventNotFoundException>()).Which;
        ex.EventId.Should().Be(new EventId("nope"));
        ex.Message.Should().Contain("nope");
    }

    [Fact]
    public async Task Find_and_get_return_the_stored_snapshot()
    {
        CalendarEvent created = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10, title: "Board"));

        CalendarEvent? found = await Manager.FindEventAsync(created.Id);
        CalendarEvent got = await Manager.GetEventAsync(created.Id);

        found.Should().Be(created);
        got.Should().Be(created);
        got.Title.Should().Be("Board");
        got.Details.Should().Be(created.Details);
    }

    // ------------------------------------------------------------------ versions, ETags, equality

    [Fact]
    public async Task Every_change_grows_the_version_stamps_updated_and_changes_the_etag()
    {
        CalendarEvent v1 = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        _w.Clock.Advance(Duration.FromMinutes(5));
        CalendarEvent v2 = (await Manager.InviteAsync(v1.Id, [_w.Bob.Id])).Event;
        CalendarEvent v3 = await Manager.SetParticipationStatusAsync(v1.Id, _w.Bob.Id, ParticipationStatus.Tentative);
        CalendarEvent v4 = await Manager.SetParticipationRoleAsync(v1.Id, _w.Bob.Id, ParticipationRole.Chair);
        CalendarEvent v5 = (await Manager.UpdateEventAsync(v1.Id, v4.Details with { Title = "Renamed" })).Event;
        CalendarEvent v6 = await Manager.RemoveAttendeeAsync(v1.Id, _w.Bob.Id);

        CalendarEvent[] all = [v1, v2, v3, v4, v5, v6];
        all.Select(e => e.Version).Should().Equal(1, 2, 3, 4, 5, 6);
        all.Select(e => e.ETag).Should().OnlyHaveUniqueItems();
        all.Select(e => e.Created).Should().AllBeEquivalentTo(v1.Created);
        all.Select(e => e.Updated).Should().BeInAscendingOrder();
        v2.Updated.Should().BeGreaterThanOrEqualTo(v1.Updated + Duration.FromMinutes(5));
        v1.ETag.Should().StartWith("\"").And.EndWith("\"");
    }

    [Fact]
    public async Task Two_snapshots_of_the_same_id_and_version_are_equal()
    {
        CalendarEvent created = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        // A snapshot rebuilt from the same data (as a storage provider rebuilds what it stored) is another object.
        var again = new CalendarEvent(created.Id, created.Details, created.Commitments, created.Version, created.Created, created.Updated);
        CalendarEvent changed = (await Manager.UpdateEventAsync(created.Id, created.Details with { Title = "x" })).Event;

        again.Should().NotBeSameAs(created);
        EqualityAssert.ValueSemantics(created, again, changed);
        again.ETag.Should().Be(created.ETag);
    }

    [Fact]
    public async Task Reads_through_the_manager_that_wrote_an_event_return_its_stored_snapshot_without_a_copy()
    {
        CalendarEvent created = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        CalendarEvent updated = (await Manager.UpdateEventAsync(created.Id, created.Details with { Title = "x" })).Event;

        CalendarEvent read = await Manager.GetEventAsync(created.Id);
        IReadOnlyList<CalendarEvent> listed = await Manager.GetEventsAsync(new EventListQuery(new Interval(null, null)) { Attendee = _w.Martijn.Id });

        read.Should().BeSameAs(updated);
        listed.Should().ContainSingle().Which.Should().BeSameAs(updated);
        read.Details.Title.Should().Be("x");
    }

    [Fact]
    public async Task Snapshots_with_the_same_version_of_different_events_differ()
    {
        CalendarEvent a = await Manager.CreateEventAsync(At(2, 10), new EventId("a"));
        CalendarEvent b = await Manager.CreateEventAsync(At(2, 10), new EventId("b"));

        a.Should().NotBe(b);
        (a != b).Should().BeTrue();
    }

    [Fact]
    public void An_unbound_snapshot_equals_a_bound_one_of_the_same_id_and_version()
    {
        var details = At(2, 10);
        var x = new CalendarEvent(new EventId("e"), details, [], 3, Utc(1, 0), Utc(1, 1));
        var y = new CalendarEvent(new EventId("e"), details with { Title = "other" }, [], 3, Utc(1, 0), Utc(1, 2));

        x.Should().Be(y);
        (x == y).Should().BeTrue();
        ((CalendarEvent?)null == null).Should().BeTrue();
        (x == null).Should().BeFalse();
    }

    // ------------------------------------------------------------------ participation

    [Fact]
    public async Task Invite_adds_new_individuals_as_needs_action_required_participants()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        InvitationResult result = await Manager.InviteAsync(e.Id, [_w.Bob.Id, _w.Alice.Id]);

        result.Event.Version.Should().Be(2);
        result.Event.AttendeeIds.Should().Equal(_w.Martijn.Id, _w.Bob.Id, _w.Alice.Id);
        result.Event.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.NeedsAction);
        result.Event.GetParticipationRole(_w.Alice.Id).Should().Be(ParticipationRole.RequiredParticipant);
        result.Outcomes.Select(o => o.AttendeeId).Should().Equal(_w.Bob.Id, _w.Alice.Id);
        result.Outcomes.Should().AllSatisfy(o =>
        {
            o.WasAlreadyInvited.Should().BeFalse();
            o.Status.Should().Be(ParticipationStatus.NeedsAction);
            o.Decision.Should().BeSameAs(InviteDecision.NoAnswer);
            o.Conflicts.Should().BeEmpty();
        });
        (await Manager.GetEventAsync(e.Id)).Should().Be(result.Event);
    }

    [Fact]
    public async Task Invite_gives_each_commitment_its_own_id()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob, _w.Alice);

        e.Commitments.Select(c => c.Id).Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Reinviting_an_accepted_attendee_leaves_it_untouched_and_writes_nothing()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        CalendarEvent accepted = await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted);
        accepted = await Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.OptionalParticipant);

        InvitationResult again = await Manager.InviteAsync(e.Id, [_w.Bob.Id, _w.Martijn.Id, _w.Bob.Id]);

        again.Event.Version.Should().Be(accepted.Version);
        again.Event.Updated.Should().Be(accepted.Updated);
        again.Event.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.Accepted);
        again.Event.GetParticipationRole(_w.Bob.Id).Should().Be(ParticipationRole.OptionalParticipant);
        again.Event.GetParticipationStatus(_w.Martijn.Id).Should().Be(ParticipationStatus.Accepted);
        again.Outcomes.Should().HaveCount(2, "duplicates are invited once");
        again.Outcomes.Should().AllSatisfy(o =>
        {
            o.WasAlreadyInvited.Should().BeTrue();
            o.Decision.Should().BeNull();
            o.Status.Should().Be(ParticipationStatus.Accepted);
        });
        (await Manager.GetEventAsync(e.Id)).Version.Should().Be(accepted.Version);
    }

    [Fact]
    public async Task Reinviting_alongside_a_new_invitee_adds_only_the_new_one()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Declined);

        InvitationResult result = await Manager.InviteAsync(e.Id, [_w.Bob.Id, _w.Alice.Id]);

        result.Event.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.Declined);
        result.Event.GetParticipationStatus(_w.Alice.Id).Should().Be(ParticipationStatus.NeedsAction);
        result.Outcomes[0].WasAlreadyInvited.Should().BeTrue();
        result.Outcomes[0].Status.Should().Be(ParticipationStatus.Declined);
        result.Outcomes[1].WasAlreadyInvited.Should().BeFalse();
    }

    [Fact]
    public async Task Inviting_nobody_writes_nothing()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        InvitationResult result = await Manager.InviteAsync(e.Id, []);

        result.Event.Version.Should().Be(1);
        result.Outcomes.Should().BeEmpty();
    }

    [Fact]
    public async Task Invite_refuses_null_arguments_and_unknown_events()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task> nullList = () => Manager.InviteAsync(e.Id, null!);
        Func<Task> unknown = () => Manager.InviteAsync(new EventId("nope"), [_w.Bob.Id]);

        (await nullList.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("invitees");
        (await unknown.Should().ThrowAsync<EventNotFoundException>()).Which.EventId.Should().Be(new EventId("nope"));
    }

    [Fact]
    public async Task Invite_refuses_a_default_invitee_and_writes_nothing()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task> act = () => Manager.InviteAsync(e.Id, [_w.Bob.Id, default]);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("invitees");
        (await Manager.GetEventAsync(e.Id)).Version.Should().Be(1);
    }

    [Fact]
    public async Task Invite_refuses_a_null_list_with_ArgumentNullException_as_documented()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task> act = () => Manager.InviteAsync(e.Id, null!);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    [Fact]
    public async Task Set_status_changes_the_answer_and_leaves_the_role()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        await Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.Chair);

        CalendarEvent after = await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Tentative);

        after.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.Tentative);
        after.GetParticipationRole(_w.Bob.Id).Should().Be(ParticipationRole.Chair);
        after.FindCommitment(_w.Bob.Id)!.Id.Should().Be(e.FindCommitment(_w.Bob.Id)!.Id, "a status change keeps the commitment");
    }

    [Fact]
    public async Task Set_status_to_the_current_one_writes_nothing()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        CalendarEvent same = await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.NeedsAction);

        same.Version.Should().Be(e.Version);
    }

    [Fact]
    public async Task Set_status_for_someone_not_on_the_event_adds_them_as_a_required_participant_of_their_type()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        Group team = _w.Source.CreateGroup(new AttendeeId("team"), "Team");

        CalendarEvent after = await Manager.SetParticipationStatusAsync(e.Id, team.Id, ParticipationStatus.Tentative);

        Commitment c = after.FindCommitment(team.Id)!;
        c.Status.Should().Be(ParticipationStatus.Tentative);
        c.Role.Should().Be(ParticipationRole.RequiredParticipant, "old CalCore's Q11 left such attendees without a role");
        c.AttendeeType.Should().Be(CalendarUserType.Group);
    }

    [Fact]
    public async Task Set_status_cannot_add_a_room_past_its_policy()
    {
        CalendarEvent booked = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Room2);
        CalendarEvent e = await _w.CalendarOf(_w.Bob).CreateEventAsync(At(2, 10));

        Func<Task> act = () => Manager.SetParticipationStatusAsync(e.Id, _w.Room2.Id, ParticipationStatus.Accepted);

        (await act.Should().ThrowAsync<ArgumentException>()).Which.Message.Should().Contain("invite");
        (await Manager.GetEventAsync(e.Id)).HasAttendee(_w.Room2.Id).Should().BeFalse();
        booked.GetParticipationStatus(_w.Room2.Id).Should().Be(ParticipationStatus.Accepted);
    }

    [Fact]
    public async Task Set_status_refuses_bad_arguments()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        Func<Task> undefined = () => Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, (ParticipationStatus)17);
        Func<Task> defaultId = () => Manager.SetParticipationStatusAsync(e.Id, default(AttendeeId), ParticipationStatus.Accepted);
        Func<Task> unknown = () => Manager.SetParticipationStatusAsync(new EventId("nope"), _w.Bob.Id, ParticipationStatus.Accepted);

        (await undefined.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("status");
        (await defaultId.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("attendee");
        await unknown.Should().ThrowAsync<EventNotFoundException>();
        (await Manager.GetEventAsync(e.Id)).Version.Should().Be(e.Version);
    }

    [Fact]
    public async Task Set_role_changes_the_role_and_keeps_the_status()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        CalendarEvent after = await Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.NonParticipant);

        after.GetParticipationRole(_w.Bob.Id).Should().Be(ParticipationRole.NonParticipant);
        after.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.NeedsAction);
        after.Version.Should().Be(e.Version + 1);
        (await Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.NonParticipant)).Version.Should().Be(after.Version);
    }

    [Fact]
    public async Task Set_role_refuses_an_attendee_not_on_the_event_and_an_undefined_role()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task> notOn = () => Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.Chair);
        Func<Task> undefined = () => Manager.SetParticipationRoleAsync(e.Id, _w.Martijn.Id, (ParticipationRole)9);

        (await notOn.Should().ThrowAsync<ArgumentException>()).Which.ParamName.Should().Be("attendee");
        (await undefined.Should().ThrowAsync<ArgumentOutOfRangeException>()).Which.ParamName.Should().Be("role");
        CalendarEvent stored = await Manager.GetEventAsync(e.Id);
        stored.Version.Should().Be(1);
        stored.HasAttendee(_w.Bob.Id).Should().BeFalse();
    }

    [Fact]
    public async Task Remove_participant_takes_the_attendee_off_and_removing_again_writes_nothing()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob, _w.Alice);

        CalendarEvent removed = await Manager.RemoveAttendeeAsync(e.Id, _w.Bob.Id);
        CalendarEvent again = await Manager.RemoveAttendeeAsync(e.Id, _w.Bob.Id);

        removed.HasAttendee(_w.Bob.Id).Should().BeFalse();
        removed.GetParticipationStatus(_w.Bob.Id).Should().BeNull();
        removed.GetParticipationRole(_w.Bob.Id).Should().BeNull();
        removed.AttendeeIds.Should().Equal(_w.Martijn.Id, _w.Alice.Id);
        removed.Version.Should().Be(e.Version + 1);
        again.Version.Should().Be(removed.Version);
        (await Manager.GetEventsAsync(new EventListQuery(Days(1, 31)) { Attendee = _w.Bob.Id })).Should().BeEmpty();
    }

    [Fact]
    public async Task Removing_the_organizer_keeps_the_organizer_field()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        CalendarEvent after = await Manager.RemoveAttendeeAsync(e.Id, _w.Martijn.Id);

        after.Commitments.Should().BeEmpty();
        after.OrganizerId.Should().Be(_w.Martijn.Id);
        (await _w.CalendarOf(_w.Martijn).GetOrganizedEventsAsync()).Should().ContainSingle().Which.Id.Should().Be(e.Id);
    }

    // ------------------------------------------------------------------ update

    [Fact]
    public async Task Update_replaces_every_field_and_keeps_participation()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10, title: "Board"), _w.Martijn, _w.Bob);
        EventDetails changed = e.Details with
        {
            Title = "Board (moved)",
            Description = "d",
            Location = "HQ",
            Status = EventStatus.Tentative,
            AccessClass = AccessClass.Private,
            Categories = ["work", "board"],
            Timing = EventTiming.Timed(new LocalDateTime(2026, 3, 3, 14, 0), DateTimeZone.Utc, Duration.FromHours(2)),
        };

        CalendarEvent after = (await Manager.UpdateEventAsync(e.Id, changed, e.Version)).Event;

        after.Details.Should().Be(changed);
        after.Version.Should().Be(e.Version + 1);
        after.Commitments.Should().Equal(e.Commitments);
        CalendarEvent stored = await Manager.GetEventAsync(e.Id);
        stored.Title.Should().Be("Board (moved)");
        stored.Categories.Should().BeEquivalentTo(["board", "work"]);
        (await Manager.GetEventsAsync(new EventListQuery(Days(2, 3)))).Should().BeEmpty("the event moved to the 3rd");
        (await Manager.GetEventsAsync(new EventListQuery(Days(3, 4)))).Should().ContainSingle();
    }

    [Fact]
    public async Task Update_with_equal_details_writes_nothing()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10) with { Categories = ["a", "b"] });

        CalendarEvent same = (await Manager.UpdateEventAsync(e.Id, e.Details with { Categories = ["b", "a", "a"] })).Event;

        same.Version.Should().Be(e.Version);
        same.Updated.Should().Be(e.Updated);
    }

    [Fact]
    public async Task Update_refuses_null_details_and_unknown_events()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        Func<Task> nullDetails = () => Manager.UpdateEventAsync(e.Id, null!);
        Func<Task> unknown = () => Manager.UpdateEventAsync(new EventId("nope"), e.Details);

        (await nullDetails.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("details");
        await unknown.Should().ThrowAsync<EventNotFoundException>();
    }

    // ------------------------------------------------------------------ optimistic concurrency

    [Fact]
    public async Task Update_with_a_stale_version_is_refused_with_both_versions_and_nothing_is_written()
    {
        CalendarEvent v1 = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10, title: "one"));
        CalendarEvent v2 = (await Manager.UpdateEventAsync(v1.Id, v1.Details with { Title = "two" })).Event;

        Func<Task> act = () => Manager.UpdateEventAsync(v1.Id, v1.Details with { Title = "stale" }, expectedVersion: 1);

        ConcurrencyConflictException ex = (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
        ex.EventId.Should().Be(v1.Id);
        ex.ExpectedVersion.Should().Be(1);
        ex.ActualVersion.Should().Be(2);
        CalendarEvent stored = await Manager.GetEventAsync(v1.Id);
        stored.Title.Should().Be("two");
        stored.Should().Be(v2);
    }

    [Fact]
    public async Task Every_write_checks_the_expected_version()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);
        long stale = e.Version - 1;

        Func<Task>[] writes =
        [
            () => Manager.InviteAsync(e.Id, [_w.Alice.Id], stale),
            () => Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted, stale),
            () => Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted, stale),
            () => Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.Chair, stale),
            () => Manager.RemoveAttendeeAsync(e.Id, _w.Bob.Id, stale),
            () => Manager.UpdateEventAsync(e.Id, e.Details with { Title = "x" }, stale),
            () => Manager.DeleteEventAsync(e.Id, stale),
        ];

        foreach (Func<Task> write in writes)
        {
            ConcurrencyConflictException ex = (await write.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
            ex.ExpectedVersion.Should().Be(stale);
            ex.ActualVersion.Should().Be(e.Version);
        }
        CalendarEvent stored = await Manager.GetEventAsync(e.Id);
        stored.Version.Should().Be(e.Version);
        stored.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.NeedsAction);
        stored.HasAttendee(_w.Alice.Id).Should().BeFalse();
    }

    [Fact]
    public async Task Writes_with_the_current_version_succeed()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        e = (await Manager.InviteAsync(e.Id, [_w.Alice.Id], e.Version)).Event;
        e = await Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted, e.Version);
        e = await Manager.SetParticipationRoleAsync(e.Id, _w.Bob.Id, ParticipationRole.Chair, e.Version);
        e = await Manager.RemoveAttendeeAsync(e.Id, _w.Alice.Id, e.Version);
        e = (await Manager.UpdateEventAsync(e.Id, e.Details with { Title = "x" }, e.Version)).Event;
        await Manager.DeleteEventAsync(e.Id, e.Version);

        (await Manager.FindEventAsync(e.Id)).Should().BeNull();
    }

    // ------------------------------------------------------------------ delete

    [Fact]
    public async Task Delete_removes_the_event_and_deleting_twice_is_not_found()
    {
        CalendarEvent e = await _w.MeetingAsync(At(2, 10), _w.Martijn, _w.Bob);

        await Manager.DeleteEventAsync(e.Id);

        (await Manager.FindEventAsync(e.Id)).Should().BeNull();
        (await Manager.GetEventsAsync(new EventListQuery(Days(1, 31)))).Should().BeEmpty();
        (await Manager.GetEventsAsync(new EventListQuery(Days(1, 31)) { Attendee = _w.Bob.Id })).Should().BeEmpty();
        (await _w.CalendarOf(_w.Martijn).GetOrganizedEventsAsync()).Should().BeEmpty();
        Func<Task> again = () => Manager.DeleteEventAsync(e.Id);
        (await again.Should().ThrowAsync<EventNotFoundException>()).Which.EventId.Should().Be(e.Id);
    }

    [Fact]
    public async Task A_deleted_id_can_be_supplied_again()
    {
        await Manager.CreateEventAsync(At(2, 10, title: "first"), new EventId("reused"));
        await Manager.DeleteEventAsync(new EventId("reused"));

        CalendarEvent second = await Manager.CreateEventAsync(At(3, 10, title: "second"), new EventId("reused"));

        second.Version.Should().Be(1);
        (await Manager.GetEventAsync(new EventId("reused"))).Title.Should().Be("second");
    }

    // ------------------------------------------------------------------ snapshot and attendee convenience

    [Fact]
    public async Task Snapshot_InviteAsync_and_SetParticipationStatusAsync_delegate_to_the_manager()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));

        InvitationResult invited = await _w.Manager.InviteAsync(e.Id, [_w.Bob.Id]);
        CalendarEvent accepted = await _w.Manager.SetParticipationStatusAsync(e.Id, _w.Bob.Id, ParticipationStatus.Accepted);

        invited.Event.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.NeedsAction);
        accepted.GetParticipationStatus(_w.Bob.Id).Should().Be(ParticipationStatus.Accepted);
        accepted.Version.Should().Be(3, "the stale snapshot e merges into whatever is stored");
        (await Manager.GetEventAsync(e.Id)).Should().Be(accepted);
    }

    [Fact]
    public async Task Updating_with_the_version_of_a_snapshot_applies_the_change()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10, title: "a"));

        CalendarEvent b = (await Manager.UpdateEventAsync(e.Id, e.Details with { Title = "b" }, e.Version)).Event;
        CalendarEvent c = (await Manager.UpdateEventAsync(b.Id, b.Details with { Title = "c" }, b.Version)).Event;

        c.Title.Should().Be("c");
        c.Version.Should().Be(3);
    }

    [Fact]
    public async Task Updating_with_the_version_of_a_stale_snapshot_is_a_concurrency_conflict()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10, title: "a"));
        await Manager.UpdateEventAsync(e.Id, e.Details with { Title = "b" }, e.Version);

        Func<Task> act = () => Manager.UpdateEventAsync(e.Id, e.Details with { Title = "stale" }, e.Version);

        ConcurrencyConflictException ex = (await act.Should().ThrowAsync<ConcurrencyConflictException>()).Which;
        ex.ExpectedVersion.Should().Be(1);
        ex.ActualVersion.Should().Be(2);
        (await Manager.GetEventAsync(e.Id)).Title.Should().Be("b");
    }

    [Fact]
    public async Task Deleting_with_the_version_of_a_stale_snapshot_is_refused_and_deletes_nothing()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        await _w.Manager.InviteAsync(e.Id, [_w.Bob.Id]);

        Func<Task> stale = () => Manager.DeleteEventAsync(e.Id, e.Version);

        (await stale.Should().ThrowAsync<ConcurrencyConflictException>()).Which.ActualVersion.Should().Be(2);
        (await Manager.FindEventAsync(e.Id)).Should().NotBeNull();
        await Manager.DeleteEventAsync(e.Id, e.Version + 1);
        (await Manager.FindEventAsync(e.Id)).Should().BeNull();
    }

    [Fact]
    public async Task A_snapshot_holds_no_engine_so_any_manager_over_the_storage_acts_on_it()
    {
        CalendarEvent e = await _w.CalendarOf(_w.Martijn).CreateEventAsync(At(2, 10));
        await using StorageManager other = StorageManager.CreateBuilder().UseStorage(Manager.Storage).AddAttendeeSource(_w.Source).Build();

        InvitationResult invited = await other.InviteAsync(e.Id, [_w.Room1.Id], e.Version);

        invited.Event.GetParticipationStatus(_w.Room1.Id).Should().Be(ParticipationStatus.Accepted);
        (await Manager.GetEventAsync(e.Id)).Should().Be(invited.Event);
    }

    [Fact]
    public async Task A_calendar_of_an_attendee_no_source_knows_still_organizes_and_lists_events()
    {
        AttendeeCalendar loner = Manager.CalendarOf(new AttendeeId("loner"));

        CalendarEvent e = await loner.CreateEventAsync(At(2, 10));

        e.OrganizerId.Should().Be(new AttendeeId("loner"));
        e.Commitments.Single().AttendeeType.Should().Be(CalendarUserType.Individual);
        (await loner.GetEventsAsync(Days(2, 3))).Should().Equal(e);
        (await loner.GetOrganizedEventsAsync()).Should().Equal(e);
        loner.ToString().Should().Be("calendar of loner");
        loner.Should().Be(Manager.CalendarOf(new AttendeeId("loner")));
    }

    [Fact]
    public async Task A_bound_attendee_refuses_null_details()
    {
        Func<Task> act = () => _w.CalendarOf(_w.Martijn).CreateEventAsync(null!);

        await act.Should().ThrowAsync<ArgumentNullException>();
    }

    // ------------------------------------------------------------------ builder, sources, null arguments

    [Fact]
    public void The_builder_refuses_nulls()
    {
        StorageManagerBuilder builder = StorageManager.CreateBuilder();

        ((Action)(() => builder.UseClock(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => builder.UseZone(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => builder.UseStorage(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => builder.AddAttendeeSource(null!))).Should().Throw<ArgumentNullException>();
        ((Action)(() => Manager.CalendarOf(default))).Should().Throw<ArgumentException>();
    }

    [Fact]
    public async Task The_builder_defaults_to_memory_storage_the_system_clock_and_UTC()
    {
        await using StorageManager manager = StorageManager.CreateBuilder().Build();

        manager.Storage.Should().BeOfType<MemoryStorage>();
        manager.Clock.Should().BeSameAs(SystemClock.Instance);
        manager.Zone.Should().Be(DateTimeZone.Utc);
    }

    [Fact]
    public async Task The_builder_uses_the_given_storage_clock_zone_and_sources()
    {
        var storage = new MemoryStorage("mine");
        var clock = FakeClock.At2026();
        var source = new SimpleAttendeeSource();
        Room room = source.CreateRoom(new AttendeeId("r"), "R");

        await using StorageManager manager = StorageManager.CreateBuilder()
            .UseStorage(storage).UseClock(clock).UseZone(Paris).AddAttendeeSource(source).Build();

        manager.Storage.Should().BeSameAs(storage);
        manager.Clock.Should().BeSameAs(clock);
        manager.Zone.Should().BeSameAs(Paris);
        (await manager.GetAttendeeAsync(room.Id)).Should().BeSameAs(room);
    }

    [Fact]
    public async Task A_manager_disposes_storage_it_owns_but_not_storage_it_was_lent()
    {
        var lent = new MemoryStorage();
        await using (StorageManager borrower = StorageManager.CreateBuilder().UseStorage(lent).Build())
        {
            await borrower.CreateEventAsync(At(2, 10));
        }
        lent.Count.Should().Be(1);

        var owned = new MemoryStorage();
        await using (StorageManager owner = StorageManager.CreateBuilder().UseStorage(owned, ownsStorage: true).Build())
        {
            await owner.CreateEventAsync(At(2, 10));
        }
        Func<Task> afterDispose = async () => await owned.FindEventAsync(new EventId("x"), default);
        (await afterDispose.Should().ThrowAsync<CalcoreStorageException>()).Which.Code.Should().Be(StorageErrorCode.Disposed);
    }

    [Fact]
    public async Task Attendees_are_found_in_the_order_their_sources_were_added()
    {
        var second = new SimpleAttendeeSource();
        second.CreateRoom(_w.Bob.Id, "A room called bob");
        await using StorageManager manager = StorageManager.CreateBuilder().AddAttendeeSource(_w.Source).AddAttendeeSource(second).Build();

        (await manager.FindAttendeeAsync(_w.Bob.Id)).Should().BeSameAs(_w.Bob);
        (await manager.FindAttendeeAsync(new AttendeeId("nobody"))).Should().BeNull();
        Func<Task> get = () => manager.GetAttendeeAsync(new AttendeeId("nobody"));
        (await get.Should().ThrowAsync<AttendeeNotFoundException>()).Which.AttendeeId.Should().Be(new AttendeeId("nobody"));
    }

    [Fact]
    public async Task Queries_and_free_busy_refuse_null_arguments()
    {
        Func<Task> freeBusy = () => Manager.GetFreeBusyAsync(null!, Days(2, 3));
        Func<Task> free = () => Manager.FindFreePeriodsAsync(null!, Days(2, 3), Calcore.Attendees.WorkingHours.AllDay, Duration.Zero);
        Func<Task> freeHours = () => Manager.FindFreePeriodsAsync([], Days(2, 3), null!, Duration.Zero);

        (await freeBusy.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("attendees");
        (await free.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("attendees");
        (await freeHours.Should().ThrowAsync<ArgumentNullException>()).Which.ParamName.Should().Be("workingHours");
    }
}
