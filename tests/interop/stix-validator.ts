/**
 * A structural STIX 2.1 validator written from the specification (OASIS STIX 2.1, sections 2-7),
 * covering what our exporter emits: common properties, id formats, per-type required properties,
 * relationship_type and custom property name rules, and that every *_ref / *_refs resolves.
 */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const TYPE_NAME = /^[a-z0-9-]{3,250}$/;
const PROPERTY_NAME = /^[a-z0-9_]{3,250}$/;

const REQUIRED: Record<string, string[]> = {
  'threat-actor': ['name'],
  'intrusion-set': ['name'],
  identity: ['name'],
  location: [],
  campaign: ['name'],
  'course-of-action': ['name'],
  infrastructure: ['name'],
  report: ['name', 'published', 'object_refs'],
  relationship: ['relationship_type', 'source_ref', 'target_ref'],
};
const IDENTITY_CLASSES = new Set(['individual', 'group', 'system', 'organization', 'class', 'unknown']);
const COMMON = new Set([
  'type',
  'spec_version',
  'id',
  'created',
  'modified',
  'created_by_ref',
  'revoked',
  'labels',
  'confidence',
  'lang',
  'external_references',
  'object_marking_refs',
  'granular_markings',
  'extensions',
]);

export function validateStixBundle(bundle: unknown): string[] {
  const errors: string[] = [];
  const b = bundle as { type?: unknown; id?: unknown; objects?: unknown };
  if (b?.type !== 'bundle') errors.push('bundle: type must be "bundle"');
  if (typeof b?.id !== 'string' || !b.id.startsWith('bundle--') || !UUID.test(b.id.slice(8)))
    errors.push(`bundle: id "${String(b?.id)}" is not bundle--<uuid>`);
  if (!Array.isArray(b?.objects)) return [...errors, 'bundle: objects must be a list'];
  const ids = new Set<string>();
  for (const o of b.objects as Record<string, unknown>[]) {
    const at = `object ${String(o.id)}`;
    if (ids.has(String(o.id))) errors.push(`${at}: duplicate id`);
    ids.add(String(o.id));
  }
  for (const o of b.objects as Record<string, unknown>[]) {
    const at = `object ${String(o.id)}`;
    const type = String(o.type);
    if (!TYPE_NAME.test(type)) errors.push(`${at}: type "${type}" breaks the type-name rules`);
    if (typeof o.id !== 'string' || !o.id.startsWith(`${type}--`) || !UUID.test(o.id.slice(type.length + 2)))
      errors.push(`${at}: id is not ${type}--<RFC 4122 uuid>`);
    if (o.spec_version !== '2.1') errors.push(`${at}: spec_version must be "2.1"`);
    for (const t of ['created', 'modified'])
      if (typeof o[t] !== 'string' || !TIMESTAMP.test(o[t] as string))
        errors.push(`${at}: ${t} is not a STIX timestamp`);
    if (typeof o.created === 'string' && typeof o.modified === 'string' && o.modified < o.created)
      errors.push(`${at}: modified is before created`);
    const required = REQUIRED[type];
    if (!required) errors.push(`${at}: unexpected object type ${type}`);
    for (const p of required ?? [])
      if (o[p] === undefined || o[p] === '' || (Array.isArray(o[p]) && (o[p] as unknown[]).length === 0))
        errors.push(`${at}: required property ${p} is missing`);
    for (const p of Object.keys(o)) {
      // The naming rule (a-z0-9_, 3-250 characters) binds custom properties; "id" is the spec's own.
      if (p.startsWith('x_') && !PROPERTY_NAME.test(p))
        errors.push(`${at}: custom property name "${p}" breaks the naming rules`);
      if (!COMMON.has(p) && !isSpecProperty(type, p) && !p.startsWith('x_'))
        errors.push(`${at}: property "${p}" is neither in the spec for ${type} nor a custom x_ property`);
    }
    if (
      o.confidence !== undefined &&
      (!Number.isInteger(o.confidence) || (o.confidence as number) < 0 || (o.confidence as number) > 100)
    )
      errors.push(`${at}: confidence must be an integer 0-100`);
    if (type === 'identity' && !IDENTITY_CLASSES.has(String(o.identity_class)))
      errors.push(`${at}: identity_class "${String(o.identity_class)}" is not in identity-class-ov`);
    if (
      type === 'location' &&
      o.region === undefined &&
      o.country === undefined &&
      (o.latitude === undefined || o.longitude === undefined)
    )
      errors.push(`${at}: a location needs region, country, or latitude and longitude`);
    if (type === 'relationship') {
      if (typeof o.relationship_type !== 'string' || !/^[a-z0-9-]{3,250}$/.test(o.relationship_type))
        errors.push(`${at}: relationship_type "${String(o.relationship_type)}" breaks the charset rule`);
      if (typeof o.start_time === 'string' && typeof o.stop_time === 'string' && !(o.stop_time > o.start_time))
        errors.push(`${at}: stop_time must be later than start_time`);
    }
    for (const t of ['first_seen', 'last_seen', 'start_time', 'stop_time', 'published'])
      if (o[t] !== undefined && !TIMESTAMP.test(String(o[t]))) errors.push(`${at}: ${t} is not a STIX timestamp`);
    for (const [p, v] of Object.entries(o)) {
      const refs = p.endsWith('_ref') ? [v] : p.endsWith('_refs') ? (v as unknown[]) : [];
      for (const r of refs)
        if (!ids.has(String(r))) errors.push(`${at}: ${p} "${String(r)}" does not resolve to an object in the bundle`);
    }
    if (Array.isArray(o.external_references)) {
      for (const ref of o.external_references as Record<string, unknown>[])
        if (typeof ref.source_name !== 'string' || !ref.source_name)
          errors.push(`${at}: external reference without source_name`);
    }
  }
  return errors;
}

const SPEC_PROPERTIES: Record<string, string[]> = {
  'threat-actor': [
    'name',
    'description',
    'threat_actor_types',
    'aliases',
    'first_seen',
    'last_seen',
    'roles',
    'goals',
    'sophistication',
    'resource_level',
    'primary_motivation',
    'secondary_motivations',
    'personal_motivations',
  ],
  'intrusion-set': [
    'name',
    'description',
    'aliases',
    'first_seen',
    'last_seen',
    'goals',
    'resource_level',
    'primary_motivation',
    'secondary_motivations',
  ],
  identity: ['name', 'description', 'roles', 'identity_class', 'sectors', 'contact_information'],
  location: [
    'name',
    'description',
    'latitude',
    'longitude',
    'precision',
    'region',
    'country',
    'administrative_area',
    'city',
    'street_address',
    'postal_code',
  ],
  campaign: ['name', 'description', 'aliases', 'first_seen', 'last_seen', 'objective'],
  'course-of-action': ['name', 'description', 'action'],
  infrastructure: [
    'name',
    'description',
    'infrastructure_types',
    'aliases',
    'kill_chain_phases',
    'first_seen',
    'last_seen',
  ],
  report: ['name', 'description', 'report_types', 'published', 'object_refs'],
  relationship: ['relationship_type', 'description', 'source_ref', 'target_ref', 'start_time', 'stop_time'],
};

function isSpecProperty(type: string, property: string): boolean {
  return SPEC_PROPERTIES[type]?.includes(property) ?? false;
}
