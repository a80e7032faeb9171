import { describe, expect, it } from "vitest";
import { ALIBABA_TAG_RULES, AWS_TAG_RULES, instanceTypeField, tagsField } from "./schema";

describe("instanceTypeField", () => {
  it.each([
    "m7i.large",
    "c6gn.16xlarge",
    "m7i-flex.large",
    "t3.micro",
    "u-6tb1.metal",
    "c7i.metal-48xl",
    "mac2-m2pro.metal",
  ])("accepts the EC2 instance type %s", (t) => {
    expect(instanceTypeField("aws", "t").safeParse(t).success).toBe(true);
  });

  it.each(["m7i", "large", "M7i.large", "m7i-large", "m7i.", "ecs.g7.xlarge", "m7i.large "])(
    "rejects %j as an EC2 instance type",
    (t) => {
      expect(instanceTypeField("aws", "t").safeParse(t).success).toBe(false);
    },
  );

  it.each([
    "ecs.g7.xlarge",
    "ecs.c7.2xlarge",
    "ecs.ebmg7.32xlarge",
    "ecs.gn7i-c8g1.2xlarge",
    "ecs.t6-c1m2.large",
  ])("accepts the ECS instance type %s", (t) => {
    expect(instanceTypeField("alibaba", "t").safeParse(t).success).toBe(true);
  });

  it.each(["g7.xlarge", "ecs.g7", "ecs.G7.xlarge", "m7i.large", "ecs..xlarge"])(
    "rejects %j as an ECS instance type",
    (t) => {
      expect(instanceTypeField("alibaba", "t").safeParse(t).success).toBe(false);
    },
  );
});

describe("tagsField", () => {
  const aws = tagsField(AWS_TAG_RULES);
  const alibaba = tagsField(ALIBABA_TAG_RULES);

  it("accepts tags at the clouds' limits", () => {
    expect(aws.safeParse({ ["k".repeat(128)]: "v".repeat(256), "cost-center": "" }).success).toBe(true);
    expect(alibaba.safeParse({ ["k".repeat(128)]: "v".repeat(128) }).success).toBe(true);
  });

  it("counts Unicode characters, not UTF-16 units", () => {
    expect(aws.safeParse({ team: "😀".repeat(256) }).success).toBe(true);
  });

  it("allows aws: and aliyun inside a key, only not as its prefix", () => {
    expect(aws.safeParse({ "team:aws:x": "v" }).success).toBe(true);
    expect(alibaba.safeParse({ "team-aliyun": "v" }).success).toBe(true);
  });

  it("reports a value problem on the tag's own key", () => {
    const result = aws.safeParse({ team: "v".repeat(257) });
    expect(result.error?.issues[0].path).toEqual(["team"]);
  });

  it("rejects an empty key", () => {
    expect(aws.safeParse({ "": "v" }).success).toBe(false);
  });
});
