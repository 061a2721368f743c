//! Schedule groups: CreateScheduleGroup, GetScheduleGroup,
//! DeleteScheduleGroup (which deletes the group's schedules with it; AWS does
//! this asynchronously, state DELETING, Stratus at once), ListScheduleGroups;
//! the `default` group every account and Region has, which cannot be deleted;
//! and the tags of a group (TagResource, UntagResource, ListTagsForResource:
//! Scheduler tags groups only, by ARN).

use super::errors::{self, Checks, CLIENT_TOKEN_PATTERN, GROUP_ARN_PATTERN, NAME_PATTERN};
use super::model::{Group, DEFAULT_GROUP, MAX_GROUPS};
use super::{seconds, Scheduler, SchedulerEvent};
use crate::api::{paging, params::parse, AwsError};
use crate::kernel::Ctx;
use serde::Deserialize;
use serde_json::{json, Value};
use std::rc::Rc;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct CreateGroupRequest {
    name: String,
    tags: Option<Vec<Tag>>,
    client_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct GroupRequest {
    name: String,
    client_token: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListGroupsRequest {
    name_prefix: Option<String>,
    max_results: Option<i64>,
    next_token: Option<String>,
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Tag {
    key: String,
    value: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct TagRequest {
    resource_arn: String,
    tags: Vec<Tag>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct UntagRequest {
    resource_arn: String,
    tag_keys: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
struct ListTagsRequest {
    resource_arn: String,
}

fn check_tags(checks: &mut Checks, tags: &[Tag]) {
    if tags.len() > 200 {
        checks.fail(
            format!("{} tags", tags.len()),
            "tags",
            "Member must have length less than or equal to 200",
        );
    }
    for (i, tag) in tags.iter().enumerate() {
        checks.string(
            Some(&tag.key),
            &format!("tags.{}.member.key", i + 1),
            (1, 128),
            None,
        );
        checks.string(
            Some(&tag.value),
            &format!("tags.{}.member.value", i + 1),
            (1, 256),
            None,
        );
    }
}

impl Group {
    /// GetScheduleGroup's answer and ListScheduleGroups' entry.
    pub fn describe(&self) -> Value {
        json!({
            "Arn": self.arn,
            "CreationDate": seconds(self.created),
            "LastModificationDate": seconds(self.modified),
            "Name": self.name,
            "State": "ACTIVE",
        })
    }
}

impl Scheduler {
    /// The `default` group, made on first use as every account and Region has one.
    pub(super) fn default_group(&mut self, ctx: &Ctx) {
        if !self.groups.contains_key(DEFAULT_GROUP) {
            let arn = ctx
                .identity
                .arn("scheduler", &format!("schedule-group/{DEFAULT_GROUP}"));
            self.groups.insert(
                DEFAULT_GROUP.into(),
                Group {
                    name: DEFAULT_GROUP.into(),
                    arn: arn.into(),
                    created: ctx.now,
                    modified: ctx.now,
                },
            );
        }
    }

    /// The group a request names (`default` when it names none), or AWS's error.
    pub(super) fn group_name(
        &mut self,
        ctx: &Ctx,
        name: Option<&str>,
    ) -> Result<Rc<str>, AwsError> {
        self.default_group(ctx);
        let name = name.unwrap_or(DEFAULT_GROUP);
        self.groups
            .get_key_value(name)
            .map(|(k, _)| k.clone())
            .ok_or_else(|| errors::group_not_found(name))
    }

    pub(super) fn create_schedule_group(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: CreateGroupRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.string(
            r.client_token.as_deref(),
            "clientToken",
            (1, 64),
            Some(CLIENT_TOKEN_PATTERN),
        );
        check_tags(&mut checks, r.tags.as_deref().unwrap_or_default());
        checks.done()?;
        self.default_group(ctx);
        if self.groups.contains_key(r.name.as_str()) {
            return Err(errors::group_exists(&r.name));
        }
        if self.groups.len() >= MAX_GROUPS {
            return Err(errors::quota_exceeded(format!(
                "The maximum number of schedule groups ({MAX_GROUPS}) in this account and Region has been reached."
            )));
        }
        let arn: Rc<str> = ctx
            .identity
            .arn("scheduler", &format!("schedule-group/{}", r.name))
            .into();
        let name: Rc<str> = r.name.as_str().into();
        self.groups.insert(
            name.clone(),
            Group {
                name: name.clone(),
                arn: arn.clone(),
                created: ctx.now,
                modified: ctx.now,
            },
        );
        if let Some(tags) = r.tags {
            self.set_tags(&arn, tags);
        }
        ctx.emit(SchedulerEvent::ScheduleGroupCreated { group: name });
        Ok(json!({ "ScheduleGroupArn": arn }))
    }

    pub(super) fn get_schedule_group(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: GroupRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.done()?;
        let name = self.group_name(ctx, Some(&r.name))?;
        Ok(self.groups[&name].describe())
    }

    pub(super) fn delete_schedule_group(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: GroupRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(Some(&r.name), "name", (1, 64), Some(NAME_PATTERN));
        checks.string(
            r.client_token.as_deref(),
            "clientToken",
            (1, 64),
            Some(CLIENT_TOKEN_PATTERN),
        );
        checks.done()?;
        let name = self.group_name(ctx, Some(&r.name))?;
        if &*name == DEFAULT_GROUP {
            return Err(errors::validation(
                "The default schedule group cannot be deleted.",
            ));
        }
        let doomed: Vec<Rc<str>> = self
            .schedules
            .keys()
            .filter(|(g, _)| *g == name)
            .map(|(_, s)| s.clone())
            .collect();
        for schedule in doomed {
            self.remove_schedule(ctx, &name, &schedule, "its schedule group was deleted");
        }
        if let Some(group) = self.groups.remove(&name) {
            self.tags.remove(&*group.arn);
        }
        ctx.emit(SchedulerEvent::ScheduleGroupDeleted { group: name });
        Ok(json!({}))
    }

    pub(super) fn list_schedule_groups(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: ListGroupsRequest = parse(input)?;
        let mut checks = errors::checks();
        checks.string(
            r.name_prefix.as_deref(),
            "namePrefix",
            (1, 64),
            Some(NAME_PATTERN),
        );
        checks.range(r.max_results, "maxResults", 1, 100);
        checks.string(r.next_token.as_deref(), "nextToken", (1, 2048), None);
        checks.done()?;
        self.default_group(ctx);
        let items = self
            .groups
            .values()
            .filter(|g| {
                r.name_prefix
                    .as_deref()
                    .is_none_or(|p| g.name.starts_with(p))
            })
            .map(Group::describe)
            .collect();
        Ok(paging::by_index(
            "ScheduleGroups",
            "NextToken",
            items,
            r.next_token.as_deref(),
            r.max_results.unwrap_or(100) as usize,
        ))
    }

    fn set_tags(&mut self, arn: &str, tags: Vec<Tag>) {
        let held = self.tags.entry(arn.to_string()).or_default();
        for tag in tags {
            held.insert(tag.key, tag.value);
        }
    }

    /// The group an ARN names, when it is one of this account's and Region's.
    fn tagged_group(&mut self, ctx: &Ctx, arn: &str) -> Result<Rc<str>, AwsError> {
        self.default_group(ctx);
        let name = errors::group_arn_name(arn).unwrap_or_default();
        match self.groups.get(name) {
            Some(g) if &*g.arn == arn => Ok(g.name.clone()),
            _ => Err(errors::group_not_found(name)),
        }
    }

    fn check_arn(checks: &mut Checks, arn: &str) {
        checks.string(Some(arn), "resourceArn", (1, 1011), Some(GROUP_ARN_PATTERN));
    }

    pub(super) fn tag_resource(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: TagRequest = parse(input)?;
        let mut checks = errors::checks();
        Self::check_arn(&mut checks, &r.resource_arn);
        check_tags(&mut checks, &r.tags);
        checks.done()?;
        self.tagged_group(ctx, &r.resource_arn)?;
        let held = self.tags.get(&r.resource_arn).map_or(0, |t| {
            t.len()
                + r.tags
                    .iter()
                    .filter(|tag| !t.contains_key(&tag.key))
                    .count()
        });
        if held.max(r.tags.len()) > 200 {
            return Err(errors::validation("A resource can have at most 200 tags."));
        }
        self.set_tags(&r.resource_arn, r.tags);
        Ok(json!({}))
    }

    pub(super) fn untag_resource(
        &mut self,
        ctx: &mut Ctx,
        input: &Value,
    ) -> Result<Value, AwsError> {
        let r: UntagRequest = parse(input)?;
        let mut checks = errors::checks();
        Self::check_arn(&mut checks, &r.resource_arn);
        if r.tag_keys.len() > 200 {
            checks.fail(
                format!("{} keys", r.tag_keys.len()),
                "tagKeys",
                "Member must have length less than or equal to 200",
            );
        }
        checks.done()?;
        self.tagged_group(ctx, &r.resource_arn)?;
        if let Some(held) = self.tags.get_mut(&r.resource_arn) {
            for key in &r.tag_keys {
                held.remove(key);
            }
        }
        Ok(json!({}))
    }

    pub(super) fn list_tags(&mut self, ctx: &mut Ctx, input: &Value) -> Result<Value, AwsError> {
        let r: ListTagsRequest = parse(input)?;
        let mut checks = errors::checks();
        Self::check_arn(&mut checks, &r.resource_arn);
        checks.done()?;
        self.tagged_group(ctx, &r.resource_arn)?;
        let tags: Vec<Value> = self
            .tags
            .get(&r.resource_arn)
            .map(|held| {
                held.iter()
                    .map(|(k, v)| json!({"Key": k, "Value": v}))
                    .collect()
            })
            .unwrap_or_default();
        Ok(json!({ "Tags": tags }))
    }
}
