package main

// The pasted forms and messages below are invented.

// referralBody is the referral form pasted into an email, as people do:
// numbered labels, a tick-box line, a free-text answer over several
// lines, a list of agencies and the five criteria.
const referralBody = `Dear Partnership team,

Please find below a referral for consideration by the Rapid Review Group.

1. Name of referrer: Priya Castellane
2. Role: Designated Safeguarding Lead
3. Agency: Kestmoor Academy
4. Email address: p.castellane@kestmoor-academy.example
5. Telephone number: 01632 960 411
6. Date of referral: 09/11/2026

Child's name: R.T.
Date of birth: 14.2.12
Gender: Male
Home address: 12 Harrow Lane, Kestmoor
Postcode: KM4 2QT
Local authority where child normally lives: Kestmoor County Council
Legal status: Child in need
Looked after child? No

3a. Date of incident: 3rd Nov 2026
3b. Date the local authority became aware: 04/11/2026
Where did the incident occur? Kestmoor Hospital
Has the child died or been seriously harmed?  [ ] Died  [X] Seriously harmed
Type of abuse (tick all that apply): Physical, Neglect
Is abuse or neglect known or suspected? Suspected
Suspected suicide: N
Regulated setting (e.g. children's home, school, nursery): No

Summary of incident:
R.T. was brought to hospital with a head injury.
Staff noted older bruising on both arms.

Agencies involved:
- Kestmoor Police
- Kestmoor Children's Social Care
- Kestmoor Academy

Why do you think this case may hold learning? Several agencies saw the bruising.
Immediate safeguarding action taken: Sibling placed with grandparents.
Is there a police investigation? Yes - see above
Referral agreed by: Dr Hal Wenning, Executive Representative

Criterion 1: The child has died or has been seriously harmed: Yes
Criterion 2: Yes
Criterion 3: Y
Criterion 4: yes – see below
Criterion 5: ☒ Yes ☐ No

Kind regards

Priya Castellane
Kestmoor Academy
Tel: 01632 960 411
`

// referralHTML is a referral pasted as an HTML table, as Outlook sends a
// form copied from Word.
const referralHTML = `<html><head><style>td {font-family: Calibri}</style></head><body>
<p>Good afternoon,</p><p>Referral below for a case our team is worried about.</p>
<table border="1">
<tr><th colspan="2">Section 1: Referrer details</th></tr>
<tr><td><b>Referrer name</b></td><td>Owen Marsh-Lee</td></tr>
<tr><td>Job title / role</td><td>Health Visitor</td></tr>
<tr><td>Organisation</td><td>Kestmoor Community Health&nbsp;Trust</td></tr>
<tr><td>Email:</td><td><a href="mailto:owen.marshlee@kch.example">owen.marshlee@kch.example</a></td></tr>
<tr><th colspan="2">Section 2: The child</th></tr>
<tr><td>Name of child</td><td>L.M.</td></tr>
<tr><td>Age of child</td><td>7 months</td></tr>
<tr><td>Legal status</td><td>Looked after (section 20)</td></tr>
<tr><td>Date of death</td><td>1 October 2026</td></tr>
<tr><td>Date of notification</td><td>2026-10-02</td></tr>
<tr><td>Location of incident</td><td>Foster home, Kestmoor</td></tr>
<tr><td>Died</td><td>X</td></tr>
<tr><td>Seriously harmed</td><td></td></tr>
<tr><td>Physical abuse</td><td></td><td>Neglect</td><td>X</td></tr>
<tr><td>Brief summary of the incident</td><td><p>L.M. was found unresponsive.</p><p>Paramedics attended.</p></td></tr>
<tr><td>Agencies involved</td><td>Kestmoor Community Health Trust; Kestmoor Police; Kestmoor Fostering Service</td></tr>
<tr><td>1. The child has died or has been seriously harmed</td><td><input type="checkbox" checked> Yes <input type="checkbox"> No</td></tr>
<tr><td>2. Abuse or neglect is known or suspected and is directly linked to the death or serious harm</td><td>Not known</td></tr>
<tr><td>3. The child is normally resident in the area, or the incident occurred in the area</td><td>Yes</td></tr>
<tr><td>4. The case highlights potential learning for the safeguarding system, not just one agency</td><td>Yes</td></tr>
<tr><td>5. Agreement to refer</td><td>Yes</td></tr>
</table>
<p>Many thanks,<br>Owen</p>
</body></html>`

// summaryBody is an agency summary typed into a reply.
const summaryBody = `Hello,

Our agency summary for the rapid review is below.

Case reference: KSCMP-2026-0042
Agency: Kestmoor Police
Completed by: DS Nadia Forsythe
Job title: Detective Sergeant, Public Protection Unit
Email: nadia.forsythe@police.kestmoor.example
Date completed: 12/11/26
Child's name: R.T.
Date of birth: 14/02/2012
Did your agency know the child or family? Yes
Period of involvement from: 01/03/2025
Period of involvement to: 04/11/2026
Summary of involvement:
Two domestic incidents attended at the family home (March 2025, August 2026).
No referral to children's social care after the second.
Analysis of practice: The second incident was not shared promptly.
Learning identified: Sharing of domestic incident notifications.
Immediate action already taken: Notifications reviewed by the PPU.
Recommendations: None at this stage.
Signed off by: DI Carl Umber

Regards,
Nadia
`

// requestQuoted is our earlier summary request, as it comes back quoted
// under a reply. Nothing in it may become a field.
const requestQuoted = `On Tue, 10 Nov 2026 at 09:02, Kestmoor Safeguarding Partnership <referrals@kscmp.example> wrote:
> Dear SPOC,
>
> Please return an agency summary for case KSCMP-2026-0042.
> Child's name: Z.Z. Quoted
> Date of birth: 01/01/2001
> Summary of involvement: quoted text that must not leak
>
> Kestmoor Safeguarding Children Multi-agency Partnership
`

// outlookQuoted is the same request quoted the Outlook way.
const outlookQuoted = `________________________________
From: Kestmoor Safeguarding Partnership <referrals@kscmp.example>
Sent: 10 November 2026 09:02
To: Forsythe, Nadia <nadia.forsythe@police.kestmoor.example>
Subject: Agency summary request KSCMP-2026-0042

Dear SPOC,

Please return an agency summary for case KSCMP-2026-0042.
Child's name: Z.Z. Quoted
Recommendations: quoted text that must not leak
`

// question is an ordinary email: no form.
const question = `Hello,

Could you tell me whether a referral needs agreement from our executive
representative before it is sent? Our team meeting is on Thursday.

Thanks,
Sam
`

// screenDoesNotMeet answers criterion 2 "no" and leaves out the date of
// birth and the incident's summary.
const screenDoesNotMeet = `Name of referrer: Priya Castellane
Child's name: K.W.
Date of incident: 02/11/2026
Outcome: Seriously harmed
Criterion 1: Yes
Criterion 2: No
Criterion 3: Yes
Criterion 4: Yes
Criterion 5: Yes
`

// screenOutOfArea is about a child living and harmed elsewhere, over a
// year before the message.
const screenOutOfArea = `Your name: Ada Penrose
Child's name: J.J.
Age: 15 yrs
Local authority: Brackenshire Council
Location of incident: Brackenshire Leisure Centre
Date of incident: 1 June 2025
Outcome: died
Summary of incident: A fall at the leisure centre.
Criterion 1: Yes
Criterion 2: Suspected - yes
Criterion 3: Y
Criterion 4: Y
Criterion 5: N/A
`

// screenRegulated is a death in a children's home, notified late.
const screenRegulated = `Referrer name: Tomas Greave
Child's name: B.N.
Date of birth: 2010-05-05
Date of death: Monday 2nd November 2026
Date LA became aware: 02/11/2026
Regulated setting: Yes (children's home)
Looked after: Yes
Outcome: ☒ Died ☐ Seriously harmed
Summary: B.N. died at Kestmoor Lodge children's home.
Criterion 1: Yes
Criterion 2: Yes
Criterion 3: Yes
Criterion 4: Yes
Criterion 5: Yes
`

// summaryHTML is an agency summary typed into Outlook as a table, with
// our request quoted underneath the Outlook way.
const summaryHTML = `<html><body>
<p>Please see our return below – thanks.</p>
<table border=1>
<tr><td colspan=2><b>Rapid Review Agency Information Form</b></td></tr>
<tr><td>Agency</td><td>Kestmoor Police</td></tr>
<tr><td>Name of person completing this form</td><td>DS Nadia Forsythe</td></tr>
<tr><td>Date completed</td><td>12.11.26</td></tr>
<tr><td>Name of child</td><td>R.T.</td></tr>
<tr><td>Was the child or family known to your agency?</td><td>☒ Yes ☐ No</td></tr>
<tr><td>Summary of agency involvement</td><td>Two domestic incidents attended.<br>No onward referral after the second.</td></tr>
<tr><td>Learning identified</td><td>Sharing of domestic incident notifications.</td></tr>
<tr><td>Signed off by</td><td>DI Carl Umber</td></tr>
</table>
<div id="divRplyFwdMsg"><hr><b>From:</b> Kestmoor Safeguarding Partnership<br><b>Sent:</b> 10 November 2026 09:02<br><b>To:</b> Forsythe, Nadia<br><b>Subject:</b> Agency summary request KSCMP-2026-0042</div>
<table><tr><td>Child's name</td><td>Z.Z. Quoted</td></tr><tr><td>Recommendations</td><td>quoted text that must not leak</td></tr></table>
</body></html>`
