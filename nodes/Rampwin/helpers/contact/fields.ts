/** Optional contact fields: node parameter name → Rampwin body key and the label users see. */
export const ADDITIONAL_FIELDS = {
	address: { key: 'address', label: 'Address' },
	city: { key: 'city', label: 'City' },
	company: { key: 'company', label: 'Company' },
	email: { key: 'email', label: 'Email' },
	firstName: { key: 'first_name', label: 'First Name' },
	lastName: { key: 'last_name', label: 'Last Name' },
	remarks: { key: 'remarks', label: 'Remarks' },
	state: { key: 'state', label: 'State' },
	tags: { key: 'tags', label: 'Tags' },
	timezone: { key: 'timezone', label: 'Timezone' },
	zipcode: { key: 'zipcode', label: 'Zip Code' },
} as const;

export type AdditionalFieldName = keyof typeof ADDITIONAL_FIELDS;

/** Body keys the node fills itself; a custom attribute may not reuse them. */
export const CORE_BODY_KEYS: ReadonlySet<string> = new Set([
	'phone_number',
	'full_name',
	'integration_id',
	...Object.values(ADDITIONAL_FIELDS).map((field) => field.key),
]);
